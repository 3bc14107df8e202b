import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { MIN_PASSWORD_LENGTH } from '#src/domain/people/password-hashing.ts';
import { RESET_LINK_INVALID, isResetTokenUsable, requestPasswordReset, resetPassword } from '#src/domain/people/password-reset.ts';
import { changeOwnPassword, signIn, signOut } from '#src/domain/people/sign-in-service.ts';
import { Invalid, TooManyRequests, Unauthenticated } from '#src/lib/errors.ts';
import { CHANGE_PASSWORD_PATH, clearSessionCookie, setSessionCookie } from '#src/web/middleware/auth.ts';
import { PRE_SESSION_CSRF_COOKIE, ensurePreSessionCsrfToken } from '#src/web/middleware/csrf.ts';
import { safeNextPath } from '#src/web/middleware/protected-paths.ts';
import { requireRole } from '#src/web/middleware/require-role.ts';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, zodFieldErrors, type FieldErrors } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { sendNewsroomPage } from './views/send-page.ts';

const loginForm = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(320, 'This email address is too long.'),
  password: z.string().min(1, 'Enter your password.'),
  next: z.string().optional(),
});

const resetRequestForm = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(320, 'This email address is too long.').pipe(z.email('Enter a valid email address, such as name@example.kz.')),
});

const newPasswordForm = z
  .object({
    password: z.string(),
    confirm: z.string(),
  })
  .refine((form) => form.password === form.confirm, { path: ['confirm'], message: 'The two passwords differ.' });

const changePasswordForm = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.'),
    newPassword: z.string(),
    confirm: z.string(),
  })
  .refine((form) => form.newPassword === form.confirm, { path: ['confirm'], message: 'The two passwords differ.' });

function clientOf(request: FastifyRequest) {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') };
}

type LoginView = { next: string; email?: string; errors?: FieldErrors; message?: string; notice?: string };

function LoginPage({ csrfToken, view }: { csrfToken: string; view: LoginView }) {
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

function sendLogin(request: FastifyRequest, reply: FastifyReply, context: AppContext, view: LoginView, status = 200) {
  const csrfToken = ensurePreSessionCsrfToken(request, reply, context);
  return sendNewsroomPage(reply, <LoginPage csrfToken={csrfToken} view={view} />, status);
}

function ResetRequestPage({ csrfToken, email, errors, done }: { csrfToken: string; email?: string; errors?: FieldErrors; done?: boolean }) {
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

function ResetPage({ csrfToken, token, errors, invalid }: { csrfToken: string; token: string; errors?: FieldErrors; invalid?: boolean }) {
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
          <form method="post" action={`/newsroom/password-reset/${encodeURIComponent(token)}`} class="nr-form" novalidate>
            <CsrfField token={csrfToken} />
            <NewPasswordFields errors={errors} />
            <div class="nr-actions">
              <button type="submit" class="nr-button">
                Save the new password
              </button>
            </div>
          </form>
        )}
      </div>
    </NewsroomLayout>
  );
}

/** Sign in, sign out, change password, reset a forgotten password; and GET /api/admin/session for scripts. */
export async function registerLoginPages(app: FastifyInstance, context: AppContext): Promise<void> {
  app.get('/newsroom/login', { config: { public: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const next = safeNextPath(query.next);
    if (request.actor.kind === 'user') return reply.redirect(next, 303);
    const notice = query.reset === '1' ? 'Your password has been changed. Sign in with the new one.' : query.out === '1' ? 'You have signed out.' : undefined;
    return sendLogin(request, reply, context, { next, notice });
  });

  app.post('/newsroom/login', { config: { public: true } }, async (request, reply) => {
    const parsed = loginForm.safeParse(request.body ?? {});
    const raw = (request.body ?? {}) as Record<string, unknown>;
    const next = safeNextPath(raw.next);
    const email = typeof raw.email === 'string' ? raw.email.slice(0, 320) : '';
    if (!parsed.success) return sendLogin(request, reply, context, { next, email, errors: zodFieldErrors(parsed.error) }, 400);
    try {
      const { user, token } = await signIn(context, parsed.data, clientOf(request));
      setSessionCookie(reply, context, token);
      reply.clearCookie(PRE_SESSION_CSRF_COOKIE, { path: '/newsroom' });
      return reply.redirect(user.mustChangePassword ? CHANGE_PASSWORD_PATH : next, 303);
    } catch (error) {
      if (error instanceof TooManyRequests) return sendLogin(request, reply, context, { next, email, message: error.message }, 429);
      if (error instanceof Unauthenticated) return sendLogin(request, reply, context, { next, email, message: error.message }, 401);
      throw error;
    }
  });

  app.post('/newsroom/logout', { config: { allowTemporaryPassword: true } }, async (request, reply) => {
    const actor = requireRole(request, 'contributor');
    if (request.sessionId) await signOut(context, request.sessionId, actor.id);
    clearSessionCookie(reply, context);
    return reply.redirect('/newsroom/login?out=1', 303);
  });

  app.get(CHANGE_PASSWORD_PATH, { config: { allowTemporaryPassword: true } }, async (request, reply) => {
    const actor = requireRole(request, 'contributor');
    const saved = (request.query as Record<string, unknown>).saved === '1';
    return sendNewsroomPage(reply, <ChangePasswordPage actor={actor} csrfToken={request.csrfToken} mustChange={request.mustChangePassword} saved={saved} />);
  });

  app.post(CHANGE_PASSWORD_PATH, { config: { allowTemporaryPassword: true } }, async (request, reply) => {
    const actor = requireRole(request, 'contributor');
    const render = (errors: FieldErrors, status: number) =>
      sendNewsroomPage(reply, <ChangePasswordPage actor={actor} csrfToken={request.csrfToken} mustChange={request.mustChangePassword} errors={errors} />, status);
    const parsed = changePasswordForm.safeParse(request.body ?? {});
    if (!parsed.success) return render(zodFieldErrors(parsed.error), 400);
    try {
      await changeOwnPassword(context, {
        userId: actor.id,
        sessionId: request.sessionId ?? '',
        currentPassword: parsed.data.currentPassword,
        newPassword: parsed.data.newPassword,
      });
    } catch (error) {
      if (error instanceof Invalid) return render({ [error.field]: error.message }, 422);
      throw error;
    }
    return reply.redirect(request.mustChangePassword ? '/newsroom' : `${CHANGE_PASSWORD_PATH}?saved=1`, 303);
  });

  app.get('/newsroom/password-reset', { config: { public: true } }, async (request, reply) => {
    const csrfToken = ensurePreSessionCsrfToken(request, reply, context);
    return sendNewsroomPage(reply, <ResetRequestPage csrfToken={csrfToken} />);
  });

  app.post('/newsroom/password-reset', { config: { public: true } }, async (request, reply) => {
    const csrfToken = ensurePreSessionCsrfToken(request, reply, context);
    const parsed = resetRequestForm.safeParse(request.body ?? {});
    if (!parsed.success) {
      const email = String((request.body as Record<string, unknown> | undefined)?.email ?? '').slice(0, 320);
      return sendNewsroomPage(reply, <ResetRequestPage csrfToken={csrfToken} email={email} errors={zodFieldErrors(parsed.error)} />, 400);
    }
    await requestPasswordReset(context, parsed.data.email);
    return sendNewsroomPage(reply, <ResetRequestPage csrfToken={csrfToken} done />);
  });

  app.get('/newsroom/password-reset/:token', { config: { public: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const csrfToken = ensurePreSessionCsrfToken(request, reply, context);
    const usable = token.length <= 128 && (await isResetTokenUsable(context, token));
    return sendNewsroomPage(reply, <ResetPage csrfToken={csrfToken} token={token} invalid={!usable} />, usable ? 200 : 410);
  });

  app.post('/newsroom/password-reset/:token', { config: { public: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const csrfToken = ensurePreSessionCsrfToken(request, reply, context);
    const parsed = newPasswordForm.safeParse(request.body ?? {});
    if (!parsed.success) return sendNewsroomPage(reply, <ResetPage csrfToken={csrfToken} token={token} errors={zodFieldErrors(parsed.error)} />, 400);
    try {
      if (token.length > 128) throw new Invalid('token', RESET_LINK_INVALID);
      await resetPassword(context, token, parsed.data.password);
    } catch (error) {
      if (error instanceof Invalid && error.field === 'token') return sendNewsroomPage(reply, <ResetPage csrfToken={csrfToken} token={token} invalid />, 410);
      if (error instanceof Invalid) return sendNewsroomPage(reply, <ResetPage csrfToken={csrfToken} token={token} errors={{ [error.field]: error.message }} />, 422);
      throw error;
    }
    return reply.redirect('/newsroom/login?reset=1', 303);
  });

  app.get('/api/admin/session', { config: { allowTemporaryPassword: true } }, async (request) => {
    const actor = requireRole(request, 'contributor');
    return {
      user: { id: actor.id, name: actor.name, email: actor.email, role: actor.role, authorId: actor.authorId },
      csrfToken: request.csrfToken,
      mustChangePassword: request.mustChangePassword,
    };
  });
}

function ChangePasswordPage(props: {
  actor: Parameters<typeof NewsroomLayout>[0]['actor'];
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
        <form method="post" action={CHANGE_PASSWORD_PATH} class="nr-form" novalidate>
          <CsrfField token={props.csrfToken} />
          <NewPasswordFields errors={props.errors} currentField />
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              Save the new password
            </button>
          </div>
        </form>
      </div>
    </NewsroomLayout>
  );
}
