import type { PendingInvitation } from '#src/domain/people/invitations.ts';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './form-field.tsx';
import { NewPasswordForm } from './login-views.tsx';
import { useNewsroomT } from './newsroom-i18n.ts';
import { NewsroomLayout } from './newsroom-layout.tsx';
import { RoleOptions } from './role-options.tsx';

/** Where the users page's invitation form posts. */
export const INVITE_PATH = '/newsroom/users/invitations';

/** What the users page shows of invitations: whether mail is set up, the pending ones, the form as typed. */
export type InvitationsState = { mailEnabled: boolean; pending: PendingInvitation[]; values?: FormValues; errors?: FieldErrors; timeZone: string };

/** The users page's card: invite by mail (when SMTP is set up), and the invitations still pending, each revocable. */
export function InvitationsCard({ state, csrfToken }: { state: InvitationsState; csrfToken: string | null }) {
  const { t, dateTime } = useNewsroomT();
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  return (
    <div class="nr-card">
      <h2>{t('invite.heading')}</h2>
      {state.mailEnabled ? (
        <form method="post" action={INVITE_PATH} class="nr-form" novalidate>
          <CsrfField token={csrfToken} />
          <p class="nr-muted nr-small">{t('invite.hint')}</p>
          <div class="nr-form-row">
            <Field name="inviteEmail" label={t('users.field.email')} errors={errors}>
              <input id={fieldId('inviteEmail')} name="inviteEmail" type="email" value={values.inviteEmail ?? ''} {...invalidAttrs('inviteEmail', errors)} />
            </Field>
            <Field name="inviteName" label={t('users.field.name')} errors={errors} hint={t('users.field.nameHint')}>
              <input id={fieldId('inviteName')} name="inviteName" type="text" value={values.inviteName ?? ''} {...invalidAttrs('inviteName', errors)} />
            </Field>
            <Field name="inviteRole" label={t('users.field.role')} errors={errors}>
              <select id={fieldId('inviteRole')} name="inviteRole" {...invalidAttrs('inviteRole', errors)}>
                <RoleOptions selected={values.inviteRole ?? 'contributor'} />
              </select>
            </Field>
          </div>
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              {t('invite.submit')}
            </button>
          </div>
        </form>
      ) : (
        <p class="nr-muted">{t('invite.noMail')}</p>
      )}
      {state.pending.length > 0 ? (
        <>
          <h3>{t('invite.pending')}</h3>
          <table class="nr-table">
            <thead>
              <tr>
                <th scope="col">{t('invite.column.email')}</th>
                <th scope="col">{t('invite.column.role')}</th>
                <th scope="col">{t('invite.column.expires')}</th>
                <th scope="col">
                  <span class="nr-visually-hidden">{t('invite.column.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {state.pending.map((invitation) => (
                <tr key={invitation.id}>
                  <td>{invitation.email}</td>
                  <td>{t(`role.${invitation.role}`)}</td>
                  <td>
                    <time datetime={invitation.expiresAt}>{dateTime(invitation.expiresAt, state.timeZone)}</time>
                  </td>
                  <td>
                    <form method="post" action={`${INVITE_PATH}/${invitation.id}/revoke`} class="nr-inline-form">
                      <CsrfField token={csrfToken} />
                      <button type="submit" class="nr-button nr-button--small nr-button--danger">
                        {t('invite.revoke')}
                        <span class="nr-visually-hidden"> {invitation.email}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}

/** The page an invitation link opens: choose a password and join, or why the link no longer works. */
export function AcceptInvitationPage(props: { csrfToken: string; token: string; invitation?: PendingInvitation; errors?: FieldErrors }) {
  const { t } = useNewsroomT();
  return (
    <NewsroomLayout title={t('invite.acceptTitle')} actor={{ kind: 'anonymous' }} csrfToken={null}>
      <div class="nr-auth-card">
        <h1>{t('invite.acceptTitle')}</h1>
        {props.invitation ? (
          <>
            <p>{t('invite.acceptIntro', { email: props.invitation.email, role: t(`role.${props.invitation.role}`) })}</p>
            <NewPasswordForm action={`/newsroom/invitations/${encodeURIComponent(props.token)}`} csrfToken={props.csrfToken} errors={props.errors} />
          </>
        ) : (
          <Notice kind="error">{t('invite.invalid')}</Notice>
        )}
      </div>
    </NewsroomLayout>
  );
}
