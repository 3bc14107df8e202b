import type { Executor } from '#src/db/database.ts';
import { newsroomLanguage, newsroomTranslatorFor } from '#src/i18n/newsroom-translator.ts';
import type { MailMessage } from '#src/lib/mailer.ts';
import { findUserById } from '#src/domain/people/user-repository.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import type { NotificationMail } from './notification-dispatch.ts';

/** Where a person changes their notification choices. */
export const NOTIFICATION_PREFERENCES_PATH = '/newsroom/password#notifications';

/**
 * The plain-text mail of one notification, in the recipient's newsroom language, composed when it
 * is sent; undefined when there is nobody to send it to any more (account gone or disabled).
 */
export async function composeNotificationMail(db: Executor, baseUrl: string, mail: NotificationMail): Promise<MailMessage | undefined> {
  const recipient = await findUserById(db, mail.recipientId);
  if (!recipient || recipient.disabledAt) return undefined;
  const settings = await loadSettings(db);
  const { t } = newsroomTranslatorFor(newsroomLanguage(recipient.interfaceLanguage, settings.defaultLanguage));
  const article = await db.selectFrom('articles').select('title').where('id', '=', mail.articleId).executeTakeFirst();
  const actor = mail.actorId === null ? undefined : await findUserById(db, mail.actorId);
  const title = article?.title || t('notify.untitled');
  const line = t(`notify.text.${mail.kind}`, { actor: actor?.name ?? t('notify.someone'), title });
  return {
    to: recipient.email,
    subject: line,
    text: [
      t('notify.mail.greeting', { name: recipient.name }),
      '',
      `${line}.`,
      '',
      t('notify.mail.open'),
      `${baseUrl}/newsroom/articles/${mail.articleId}`,
      '',
      '-- ',
      t('notify.mail.footer', { url: `${baseUrl}${NOTIFICATION_PREFERENCES_PATH}` }),
    ].join('\n'),
  };
}
