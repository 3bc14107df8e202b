import { RESET_LINK_INVALID } from '#src/domain/people/password-reset.ts';
import { MIN_PASSWORD_LENGTH } from '#src/domain/people/password-hashing.ts';
import { CHANGE_PASSWORD_PATH } from '#src/web/middleware/auth.ts';
import type { SignedInActor } from '#src/web/middleware/require-role.ts';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors } from './form-field.tsx';
import { NewsroomLayout } from './newsroom-layout.tsx';

/** What the sign-in page shows: where to go next, the email typed, errors and notices. */
export type LoginView = { next: string; email?: string; errors?: FieldErrors; message?: string; notice?: string };

/** The sign-in form. */
export function LoginPage({ csrfToken, view }: { csrfToken: string; view: LoginView }) {
  const { errors } = view;
  return (
    <NewsroomLayout title="Sign in" actor={{ kind: 'anonymous' }} csrfToken={null}>
      <div class="nr-auth-card">
        <h1>Sign in to the newsroom</h1>
        {view.notice ? <Notice kind="ok">{view.notice}</Notice> : null}
        {view.message ? <Notice kind="error">{view.message}</Notice> : null}
        <form method="post" action="/newsroom/login" class="nr-form" novalidate>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="next" value={view.next} />
          <Field name="email" label="Email" errors={errors}>
            <input id={fieldId('email')} name="email" type="email" autocomplete="username" required value={view.email ?? ''} {...invalidAttrs('email', errors)} />
          </Field>
          <Field name="password" label="Password" errors={errors}>
            <input id={fieldId('password')} name="password" type="password" autocomplete="current-password" required {...invalidAttrs('password', errors)} />
          </Field>
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              Sign in
            </button>
          </div>
        </form>
        <p class="nr-auth-links">
          <a href="/newsroom/password-reset">Forgot your password?</a>
        </p>
      </div>
    </NewsroomLayout>
  );
}

/** The form that asks for a password reset link, or its confirmation once sent. */
export function ResetRequestPage({ csrfToken, email, errors, done }: { csrfToken: string; email?: string; errors?: FieldErrors; done?: boolean }) {
  return (
    <NewsroomLayout title="Reset your password" actor={{ kind: 'anonymous' }} csrfToken={null}>
      <div class="nr-auth-card">
        <h1>Reset your password</h1>
        {done ? (
          <Notice kind="ok">
            If an account uses that address, we have sent it a link to choose a new password. The link works once, within one hour.
          </Notice>
        ) : (
          <form method="post" action="/newsroom/password-reset" class="nr-form" novalidate>
            <CsrfField token={csrfToken} />
            <Field name="email" label="Email" errors={errors} hint="We will send a one-time link to this address.">
              <input id={fieldId('email')} name="email" type="email" autocomplete="username" required value={email ?? ''} {...invalidAttrs('email', errors)} />
            </Field>
            <div class="nr-actions">
              <button type="submit" class="nr-button">
                Send the link
              </button>
            </div>
          </form>
        )}
        <p class="nr-auth-links">
          <a href="/newsroom/login">Back to sign in</a>
        </p>
      </div>
    </NewsroomLayout>
  );
}

function NewPasswordFields({ errors, currentField }: { errors?: FieldErrors; currentField?: boolean }) {
  const newName = currentField ? 'newPassword' : 'password';
  return (
    <>
      {currentField ? (
        <Field name="currentPassword" label="Current password" errors={errors}>
          <input id={fieldId('currentPassword')} name="currentPassword" type="password" autocomplete="current-password" required {...invalidAttrs('currentPassword', errors)} />
        </Field>
      ) : null}
      <Field name={newName} label="New password" errors={errors} hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.`}>
        <input id={fieldId(newName)} name={newName} type="password" autocomplete="new-password" required minLength={MIN_PASSWORD_LENGTH} {...invalidAttrs(newName, errors)} />
      </Field>
      <Field name="confirm" label="New password again" errors={errors}>
        <input id={fieldId('confirm')} name="confirm" type="password" autocomplete="new-password" required {...invalidAttrs('confirm', errors)} />
      </Field>
    </>
  );
}

/** The form that sets a new password from a reset link, or why the link no longer works. */
export function ResetPage({ csrfToken, token, errors, invalid }: { csrfToken: string; token: string; errors?: FieldErrors; invalid?: boolean }) {
  return (
    <NewsroomLayout title="Choose a new password" actor={{ kind: 'anonymous' }} csrfToken={null}>
      <div class="nr-auth-card">
        <h1>Choose a new password</h1>
        {invalid ? (
          <>
            <Notice kind="error">{RESET_LINK_INVALID}</Notice>
            <p>
              <a href="/newsroom/password-reset">Request a new link</a>
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
function NewPasswordForm(props: { action: string; csrfToken: string | null; errors?: FieldErrors; currentField?: boolean }) {
  return (
    <form method="post" action={props.action} class="nr-form" novalidate>
      <CsrfField token={props.csrfToken} />
      <NewPasswordFields errors={props.errors} currentField={props.currentField} />
      <div class="nr-actions">
        <button type="submit" class="nr-button">
          Save the new password
        </button>
      </div>
    </form>
  );
}

/** The signed-in user's change-password form (required after a temporary password). */
export function ChangePasswordPage(props: {
  actor: SignedInActor;
  csrfToken: string | null;
  mustChange: boolean;
  saved?: boolean;
  errors?: FieldErrors;
}) {
  return (
    <NewsroomLayout title="Change your password" actor={props.actor} csrfToken={props.csrfToken}>
      <div class="nr-card">
        <h1>Change your password</h1>
        {props.mustChange ? <Notice kind="warn">You signed in with a temporary password. Choose your own before you continue.</Notice> : null}
        {props.saved ? <Notice kind="ok">Your password has been changed. Your other sessions were signed out.</Notice> : null}
        <NewPasswordForm action={CHANGE_PASSWORD_PATH} csrfToken={props.csrfToken} errors={props.errors} currentField />
      </div>
    </NewsroomLayout>
  );
}
