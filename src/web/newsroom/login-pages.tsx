import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import type { Role } from '#src/db/schema.ts';
import { ROLES } from '#src/domain/people/actor.ts';
import { RESET_LINK_INVALID, isResetTokenUsable, requestPasswordReset, resetPassword } from '#src/domain/people/password-reset.ts';
import { changeOwnPassword, signIn, signOut } from '#src/domain/people/sign-in-service.ts';
import { createUserService } from '#src/domain/people/user-service.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { Invalid, TooManyRequests, Unauthenticated } from '#src/lib/errors.ts';
import { CHANGE_PASSWORD_PATH, clearSessionCookie, setSessionCookie } from '#src/web/middleware/auth.ts';
import { PRE_SESSION_CSRF_COOKIE, ensurePreSessionCsrfToken } from '#src/web/middleware/csrf.ts';
import { safeNextPath } from '#src/web/middleware/protected-paths.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { textField } from '#src/lib/text-input.ts';
import { formValues, zodFieldErrors, type FieldErrors } from './views/form-field.tsx';
import { ChangePasswordPage, INTERFACE_LANGUAGE_PATH, LoginPage, ResetPage, ResetRequestPage, type KeptPasswords, type LoginView } from './views/login-views.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import { newsroomTranslator } from './newsroom-language.ts';
import { perLanguage } from './per-language.ts';

/** GET /api/admin/session: the signed-in user (or an API key's maker), for the editor's client. */
const sessionSchema = z.object({
  user: z.object({ id: z.number().int(), name: z.string(), email: z.string(), role: z.enum(ROLES as [Role, ...Role[]]), authorId: z.number().int().nullable() }),
  /** The token writes send as X-CSRF-Token; null with an API key, which needs none. */
  csrfToken: z.string().nullable(),
  /** Whether the user must choose a new password before anything else. */
  mustChangePassword: z.boolean(),
});

// Passwords are never cleaned or trimmed (every character counts); every other text field is a textField().

const loginForm = perLanguage((t) =>
  z.object({
    email: textField().trim().min(1, t('login.error.emailRequired')).max(320, t('login.error.emailTooLong')),
    password: z.string().min(1, t('login.error.passwordRequired')),
    next: z.string().optional(),
  }),
);

const resetRequestForm = perLanguage((t) =>
  z.object({
    email: textField().trim().min(1, t('login.error.emailRequired')).max(320, t('login.error.emailTooLong')).pipe(z.email(t('login.error.emailInvalid'))),
  }),
);

const newPasswordForm = perLanguage((t) =>
  z
    .object({
      password: z.string(),
      confirm: z.string(),
    })
    .refine((form) => form.password === form.confirm, { path: ['confirm'], message: t('password.error.differ') }),
);

const changePasswordForm = perLanguage((t) =>
  z
    .object({
      currentPassword: z.string().min(1, t('password.error.currentRequired')),
      newPassword: z.string(),
      confirm: z.string(),
    })
    .refine((form) => form.newPassword === form.confirm, { path: ['confirm'], message: t('password.error.differ') }),
);

/** The account page's language form: a language code, or empty for the site's default. */
const interfaceLanguageForm = z.object({ interfaceLanguage: textField().trim().max(20).catch('') });

/** A one-shot flag in a query string (`?saved=1`); anything else is off. */
const flag = z.string().optional().catch(undefined);

/** The sign-in page's query: where to go after signing in, and why the visitor is here. */
const loginQuerySchema = z.object({ next: z.unknown().optional(), reset: flag, out: flag });

/** What a refused form shows again: the address typed (never the password) and where to go next. */
const emailEchoSchema = z.object({ next: z.unknown().optional(), email: z.string().catch('').transform((email) => email.slice(0, 320)) });

/** A password reset link's token, as its URL carries it. */
const tokenParamsSchema = z.object({ token: z.string() });

/** The account page's query: `saved=1` after a password change, `language=1` after a language change. */
const savedQuerySchema = z.object({ saved: flag, language: flag });

/**
 * The passwords of a refused change that were not at fault, to type again no more than needed: the
 * current one unless it was wrong; the new one and its confirmation unless the new one was refused;
 * the confirmation unless it differed. Only ever sent back to the same signed-in user, on a page
 * answered with Cache-Control: no-store (send-page.ts).
 */
function keptPasswords(body: unknown, errors: FieldErrors): KeptPasswords {
  const typed = z.object({ currentPassword: z.string().catch(''), newPassword: z.string().catch(''), confirm: z.string().catch('') }).catch({ currentPassword: '', newPassword: '', confirm: '' }).parse(body ?? {});
  const newRefused = Boolean(errors.newPassword);
  return {
    currentPassword: errors.currentPassword ? '' : typed.currentPassword,
    newPassword: newRefused ? '' : typed.newPassword,
    confirm: newRefused || errors.confirm ? '' : typed.confirm,
  };
}

function clientOf(request: FastifyRequest) {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') };
}

function sendLogin(request: FastifyRequest, reply: FastifyReply, context: AppContext, view: LoginView, status = 200) {
  const csrfToken = ensurePreSessionCsrfToken(request, reply, context);
  return sendNewsroomPage(reply, <LoginPage csrfToken={csrfToken} view={view} />, status);
}

/** Sign in, sign out, change password, reset a forgotten password; and GET /api/admin/session for scripts. */
export async function registerLoginPages(app: FastifyInstance, context: AppContext): Promise<void> {
  const users = createUserService(context);
  const settings = createSettingsService(context);

  app.get('/newsroom/login', { config: { public: true } }, async (request, reply) => {
    const query = loginQuerySchema.parse(request.query ?? {});
    const next = safeNextPath(query.next);
    if (request.actor.kind === 'user') return reply.redirect(next, 303);
    const { t } = newsroomTranslator(request);
    const notice = query.reset === '1' ? t('login.notice.reset') : query.out === '1' ? t('login.notice.signedOut') : undefined;
    return sendLogin(request, reply, context, { next, notice });
  });

  app.post('/newsroom/login', { config: { public: true } }, async (request, reply) => {
    const parsed = loginForm(newsroomTranslator(request)).safeParse(request.body ?? {});
    const echo = emailEchoSchema.parse(request.body ?? {});
    const next = safeNextPath(echo.next);
    const email = echo.email;
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
    const actor = signedInActor(request);
    if (request.sessionId) await signOut(context, request.sessionId, actor.id);
    clearSessionCookie(reply, context);
    return reply.redirect('/newsroom/login?out=1', 303);
  });

  /** The account page: its password form, and the language form with the user's choice. */
  const sendAccount = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { saved?: boolean; errors?: FieldErrors; kept?: KeptPasswords; languageSaved?: boolean; languageError?: string },
    status = 200,
  ) => {
    const actor = signedInActor(request);
    const { defaultLanguage } = await settings.forDisplay();
    return sendNewsroomPage(
      reply,
      <ChangePasswordPage
        actor={actor}
        csrfToken={request.csrfToken}
        mustChange={request.mustChangePassword}
        saved={state.saved}
        errors={state.errors}
        kept={state.kept}
        language={{ chosen: request.interfaceLanguage, siteDefault: defaultLanguage, saved: state.languageSaved, error: state.languageError }}
      />,
      status,
    );
  };

  app.get(CHANGE_PASSWORD_PATH, { config: { allowTemporaryPassword: true } }, async (request, reply) => {
    const query = savedQuerySchema.parse(request.query ?? {});
    return sendAccount(request, reply, { saved: query.saved === '1', languageSaved: query.language === '1' });
  });

  app.post(CHANGE_PASSWORD_PATH, { config: { allowTemporaryPassword: true } }, async (request, reply) => {
    const actor = signedInActor(request);
    const render = (errors: FieldErrors, status: number) => sendAccount(request, reply, { errors, kept: keptPasswords(request.body, errors) }, status);
    const parsed = changePasswordForm(newsroomTranslator(request)).safeParse(request.body ?? {});
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
    // A changed password is confirmed on the account page, also after a temporary one (the nav leads on from there).
    return reply.redirect(`${CHANGE_PASSWORD_PATH}?saved=1`, 303);
  });

  // The user's own choice of the newsroom's language (the user service's policy: their own, or an admin's).
  app.post(INTERFACE_LANGUAGE_PATH, { config: { allowTemporaryPassword: true } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { interfaceLanguage } = interfaceLanguageForm.parse(formValues(request.body));
    try {
      await users.setInterfaceLanguage(actor, actor.id, interfaceLanguage === '' ? null : interfaceLanguage);
    } catch (error) {
      if (error instanceof Invalid) return sendAccount(request, reply, { languageError: newsroomTranslator(request).t('account.languageInvalid') }, 422);
      throw error;
    }
    return reply.redirect(`${CHANGE_PASSWORD_PATH}?language=1#account-language`, 303);
  });

  app.get('/newsroom/password-reset', { config: { public: true } }, async (request, reply) => {
    const csrfToken = ensurePreSessionCsrfToken(request, reply, context);
    return sendNewsroomPage(reply, <ResetRequestPage csrfToken={csrfToken} />);
  });

  app.post('/newsroom/password-reset', { config: { public: true } }, async (request, reply) => {
    const csrfToken = ensurePreSessionCsrfToken(request, reply, context);
    const parsed = resetRequestForm(newsroomTranslator(request)).safeParse(request.body ?? {});
    if (!parsed.success) {
      const { email } = emailEchoSchema.parse(request.body ?? {});
      return sendNewsroomPage(reply, <ResetRequestPage csrfToken={csrfToken} email={email} errors={zodFieldErrors(parsed.error)} />, 400);
    }
    await requestPasswordReset(context, parsed.data.email);
    return sendNewsroomPage(reply, <ResetRequestPage csrfToken={csrfToken} done />);
  });

  app.get('/newsroom/password-reset/:token', { config: { public: true } }, async (request, reply) => {
    const { token } = tokenParamsSchema.parse(request.params);
    const csrfToken = ensurePreSessionCsrfToken(request, reply, context);
    const usable = token.length <= 128 && (await isResetTokenUsable(context, token));
    return sendNewsroomPage(reply, <ResetPage csrfToken={csrfToken} token={token} invalid={!usable} />, usable ? 200 : 410);
  });

  app.post('/newsroom/password-reset/:token', { config: { public: true } }, async (request, reply) => {
    const { token } = tokenParamsSchema.parse(request.params);
    const csrfToken = ensurePreSessionCsrfToken(request, reply, context);
    const parsed = newPasswordForm(newsroomTranslator(request)).safeParse(request.body ?? {});
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

  app.get(
    '/api/admin/session',
    { config: { allowTemporaryPassword: true }, schema: { tags: ['session'], summary: 'Who is signed in (or whose API key this is), and the CSRF token for writes', response: { 200: sessionSchema } } },
    async (request) => {
      const actor = signedInActor(request);
      return {
        user: { id: actor.id, name: actor.name, email: actor.email, role: actor.role, authorId: actor.authorId },
        csrfToken: request.csrfToken,
        mustChangePassword: request.mustChangePassword,
      };
    },
  );
}
