import { MIN_PASSWORD_LENGTH } from '#src/domain/people/password-hashing.ts';
import { languageInfo } from '#src/i18n/languages.ts';
import { NEWSROOM_LANGUAGES } from '#src/i18n/newsroom-translator.ts';
import { CHANGE_PASSWORD_PATH } from '#src/web/middleware/auth.ts';
import type { SignedInActor } from '#src/web/middleware/require-role.ts';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors } from './form-field.tsx';
import { useNewsroomT } from './newsroom-i18n.ts';
import { NewsroomLayout } from './newsroom-layout.tsx';

/** What the sign-in page shows: where to go next, the email typed, errors and notices. */
export type LoginView = { next: string; email?: string; errors?: FieldErrors; message?: string; notice?: string };

/** The sign-in form. */
export function LoginPage({ csrfToken, view }: { csrfToken: string; view: LoginView }) {
  const { t } = useNewsroomT();
  const { errors } = view;
  return (
    <NewsroomLayout title={t('login.title')} actor={{ kind: 'anonymous' }} csrfToken={null}>
      <div class="nr-auth-card">
        <h1>{t('login.heading')}</h1>
        {view.notice ? <Notice kind="ok">{view.notice}</Notice> : null}
        {view.message ? <Notice kind="error">{view.message}</Notice> : null}
        <form method="post" action="/newsroom/login" class="nr-form" novalidate>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="next" value={view.next} />
          <Field name="email" label={t('login.email')} errors={errors}>
            <input id={fieldId('email')} name="email" type="email" autocomplete="username" required value={view.email ?? ''} {...invalidAttrs('email', errors)} />
          </Field>
          <Field name="password" label={t('login.password')} errors={errors}>
            <input id={fieldId('password')} name="password" type="password" autocomplete="current-password" required {...invalidAttrs('password', errors)} />
          </Field>
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              {t('login.submit')}
            </button>
          </div>
        </form>
        <p class="nr-auth-links">
          <a href="/newsroom/password-reset">{t('login.forgot')}</a>
        </p>
      </div>
    </NewsroomLayout>
  );
}

/** The form that asks for a password reset link, or its confirmation once sent. */
export function ResetRequestPage({ csrfToken, email, errors, done }: { csrfToken: string; email?: string; errors?: FieldErrors; done?: boolean }) {
  const { t } = useNewsroomT();
  return (
    <NewsroomLayout title={t('reset.requestTitle')} actor={{ kind: 'anonymous' }} csrfToken={null}>
      <div class="nr-auth-card">
        <h1>{t('reset.requestTitle')}</h1>
        {done ? (
          <Notice kind="ok">{t('reset.sent')}</Notice>
        ) : (
          <form method="post" action="/newsroom/password-reset" class="nr-form" novalidate>
            <CsrfField token={csrfToken} />
            <Field name="email" label={t('login.email')} errors={errors} hint={t('reset.emailHint')}>
              <input id={fieldId('email')} name="email" type="email" autocomplete="username" required value={email ?? ''} {...invalidAttrs('email', errors)} />
            </Field>
            <div class="nr-actions">
              <button type="submit" class="nr-button">
                {t('reset.send')}
              </button>
            </div>
          </form>
        )}
        <p class="nr-auth-links">
          <a href="/newsroom/login">{t('reset.backToSignIn')}</a>
        </p>
      </div>
    </NewsroomLayout>
  );
}

/** Passwords typed into a refused form, given back where they were not at fault (see keptPasswords). */
export type KeptPasswords = { currentPassword?: string; newPassword?: string; confirm?: string };

function NewPasswordFields({ errors, currentField, kept = {} }: { errors?: FieldErrors; currentField?: boolean; kept?: KeptPasswords }) {
  const { t } = useNewsroomT();
  const newName = currentField ? 'newPassword' : 'password';
  return (
    <>
      {currentField ? (
        <Field name="currentPassword" label={t('password.current')} errors={errors}>
          <input
            id={fieldId('currentPassword')}
            name="currentPassword"
            type="password"
            autocomplete="current-password"
            required
            value={kept.currentPassword}
            {...invalidAttrs('currentPassword', errors)}
          />
        </Field>
      ) : null}
      <Field name={newName} label={t('password.new')} errors={errors} hint={t('password.newHint', { min: MIN_PASSWORD_LENGTH })}>
        <input
          id={fieldId(newName)}
          name={newName}
          type="password"
          autocomplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          value={kept.newPassword}
          {...invalidAttrs(newName, errors)}
        />
      </Field>
      <Field name="confirm" label={t('password.confirm')} errors={errors}>
        <input id={fieldId('confirm')} name="confirm" type="password" autocomplete="new-password" required value={kept.confirm} {...invalidAttrs('confirm', errors)} />
      </Field>
    </>
  );
}

/** The form that sets a new password from a reset link, or why the link no longer works. */
export function ResetPage({ csrfToken, token, errors, invalid }: { csrfToken: string; token: string; errors?: FieldErrors; invalid?: boolean }) {
  const { t } = useNewsroomT();
  return (
    <NewsroomLayout title={t('reset.chooseTitle')} actor={{ kind: 'anonymous' }} csrfToken={null}>
      <div class="nr-auth-card">
        <h1>{t('reset.chooseTitle')}</h1>
        {invalid ? (
          <>
            <Notice kind="error">{t('reset.linkInvalid')}</Notice>
            <p>
              <a href="/newsroom/password-reset">{t('reset.requestNew')}</a>
            </p>
          </>
        ) : (
          <NewPasswordForm action={`/newsroom/password-reset/${encodeURIComponent(token)}`} csrfToken={csrfToken} errors={errors} />
        )}
      </div>
    </NewsroomLayout>
  );
}

/** A form that sets a new password (after a reset link, or a change); `currentField` also asks for the current one. */
function NewPasswordForm(props: { action: string; csrfToken: string | null; errors?: FieldErrors; currentField?: boolean; kept?: KeptPasswords }) {
  const { t } = useNewsroomT();
  return (
    <form method="post" action={props.action} class="nr-form" novalidate>
      <CsrfField token={props.csrfToken} />
      <NewPasswordFields errors={props.errors} currentField={props.currentField} kept={props.kept} />
      <div class="nr-actions">
        <button type="submit" class="nr-button">
          {t('password.save')}
        </button>
      </div>
    </form>
  );
}

/** The path the account page's language form posts to. */
export const INTERFACE_LANGUAGE_PATH = '/newsroom/account/language';

/**
 * The choice of the newsroom's language: the site's default (named, in its own language), or one of
 * the newsroom's languages, each written in itself.
 */
export function InterfaceLanguageCard(props: { csrfToken: string | null; chosen: string | null; siteDefault: string; saved?: boolean; error?: string }) {
  const { t, languageName } = useNewsroomT();
  const errors: FieldErrors = { interfaceLanguage: props.error };
  return (
    <div class="nr-card">
      <h2 id="account-language">{t('account.languageHeading')}</h2>
      {props.saved ? <Notice kind="ok">{t('account.languageSaved')}</Notice> : null}
      <form method="post" action={INTERFACE_LANGUAGE_PATH} class="nr-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <Field name="interfaceLanguage" label={t('account.languageLabel')} errors={errors} hint={t('account.languageHint')}>
          <select id={fieldId('interfaceLanguage')} name="interfaceLanguage" {...invalidAttrs('interfaceLanguage', errors)}>
            <option value="" selected={props.chosen === null}>
              {t('account.siteDefault', { language: languageName(props.siteDefault) })}
            </option>
            {NEWSROOM_LANGUAGES.map((code) => (
              <option value={code} lang={code} selected={props.chosen === code} key={code}>
                {languageInfo(code).nativeName}
              </option>
            ))}
          </select>
        </Field>
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            {t('account.languageSave')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** The signed-in user's account page: change the password (required after a temporary one), choose the newsroom's language. */
export function ChangePasswordPage(props: {
  actor: SignedInActor;
  csrfToken: string | null;
  mustChange: boolean;
  saved?: boolean;
  errors?: FieldErrors;
  kept?: KeptPasswords;
  language: { chosen: string | null; siteDefault: string; saved?: boolean; error?: string };
}) {
  const { t } = useNewsroomT();
  return (
    <NewsroomLayout title={t('password.title')} actor={props.actor} csrfToken={props.csrfToken} active="account">
      <div class="nr-card">
        <h1>{t('password.title')}</h1>
        {props.mustChange ? <Notice kind="warn">{t('password.mustChange')}</Notice> : null}
        {props.saved ? <Notice kind="ok">{t('password.saved')}</Notice> : null}
        <NewPasswordForm action={CHANGE_PASSWORD_PATH} csrfToken={props.csrfToken} errors={props.errors} kept={props.kept} currentField />
      </div>
      <InterfaceLanguageCard csrfToken={props.csrfToken} {...props.language} />
    </NewsroomLayout>
  );
}
