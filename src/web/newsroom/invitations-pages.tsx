import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { INVITATION_INVALID, acceptInvitation, inviteUser, revokeInvitation, usableInvitation } from '#src/domain/people/invitations.ts';
import { Invalid } from '#src/lib/errors.ts';
import { textField } from '#src/lib/text-input.ts';
import { setSessionCookie } from '#src/web/middleware/auth.ts';
import { PRE_SESSION_CSRF_COOKIE, ensurePreSessionCsrfToken } from '#src/web/middleware/csrf.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import { newsroomTranslator } from './newsroom-language.ts';
import { perLanguage } from './per-language.ts';
import { sendUsersPage } from './users-pages.tsx';
import { formValues, zodFieldErrors } from './views/form-field.tsx';
import { AcceptInvitationPage, INVITE_PATH } from './views/invitations-views.tsx';
import { sendNewsroomPage } from './views/send-page.ts';

/** The invitation form as typed; the invitation service checks it against the account rules. */
const inviteForm = z.object({ inviteEmail: textField().catch(''), inviteName: textField().catch(''), inviteRole: textField().catch('') });

/** The invitation form's fields by the account field a refusal names. */
const INVITE_FIELDS: Record<string, string> = { email: 'inviteEmail', name: 'inviteName', role: 'inviteRole' };

const tokenParamsSchema = z.object({ token: z.string() });

const passwordForm = perLanguage((t) =>
  z.object({ password: z.string(), confirm: z.string() }).refine((form) => form.password === form.confirm, { path: ['confirm'], message: t('password.error.differ') }),
);

function clientOf(request: FastifyRequest) {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') };
}

/** Inviting and revoking on the users page (admins), and the page an invitation link opens (anyone holding it). */
export async function registerInvitationsPages(app: FastifyInstance, context: AppContext): Promise<void> {
  const config = { minRole: 'admin' as const };
  const api = app.withTypeProvider<ZodTypeProvider>();

  app.post(INVITE_PATH, { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    const form = inviteForm.parse(values);
    const { t } = newsroomTranslator(request);
    try {
      const invitation = await inviteUser(context, actor, { email: form.inviteEmail, name: form.inviteName || undefined, role: form.inviteRole });
      return sendUsersPage(context, request, reply, actor, { values: {}, errors: {}, notice: t('invite.sent', { email: invitation.email }) }, 201);
    } catch (error) {
      if (error instanceof Invalid) {
        const field = INVITE_FIELDS[error.field] ?? 'inviteEmail';
        return sendUsersPage(context, request, reply, actor, { values: {}, errors: {}, message: error.message, invite: { values, errors: { [field]: error.message } } }, 422);
      }
      throw error;
    }
  });

  api.post(`${INVITE_PATH}/:id/revoke`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { t } = newsroomTranslator(request);
    try {
      const invitation = await revokeInvitation(context, actor, request.params.id);
      return sendUsersPage(context, request, reply, actor, { values: {}, errors: {}, notice: t('invite.revoked', { email: invitation.email }) });
    } catch (error) {
      if (error instanceof Invalid) return sendUsersPage(context, request, reply, actor, { values: {}, errors: {}, message: error.message }, 422);
      throw error;
    }
  });

  app.get('/newsroom/invitations/:token', { config: { public: true } }, async (request, reply) => {
    const { token } = tokenParamsSchema.parse(request.params);
    const csrfToken = ensurePreSessionCsrfToken(request, reply, context);
    const invitation = await usableInvitation(context, token);
    return sendNewsroomPage(reply, <AcceptInvitationPage csrfToken={csrfToken} token={token} invitation={invitation} />, invitation ? 200 : 410);
  });

  app.post('/newsroom/invitations/:token', { config: { public: true } }, async (request, reply) => {
    const { token } = tokenParamsSchema.parse(request.params);
    const csrfToken = ensurePreSessionCsrfToken(request, reply, context);
    const invitation = await usableInvitation(context, token);
    if (!invitation) return sendNewsroomPage(reply, <AcceptInvitationPage csrfToken={csrfToken} token={token} />, 410);
    const parsed = passwordForm(newsroomTranslator(request)).safeParse(request.body ?? {});
    if (!parsed.success) {
      return sendNewsroomPage(reply, <AcceptInvitationPage csrfToken={csrfToken} token={token} invitation={invitation} errors={zodFieldErrors(parsed.error)} />, 400);
    }
    try {
      const { sessionToken } = await acceptInvitation(context, token, parsed.data.password, clientOf(request));
      setSessionCookie(reply, context, sessionToken);
      reply.clearCookie(PRE_SESSION_CSRF_COOKIE, { path: '/newsroom' });
      return reply.redirect('/newsroom', 303);
    } catch (error) {
      if (error instanceof Invalid && error.field === 'token') {
        const gone = error.message === INVITATION_INVALID;
        return sendNewsroomPage(
          reply,
          <AcceptInvitationPage csrfToken={csrfToken} token={token} invitation={gone ? undefined : invitation} errors={gone ? undefined : { password: error.message }} />,
          gone ? 410 : 409,
        );
      }
      if (error instanceof Invalid) {
        return sendNewsroomPage(reply, <AcceptInvitationPage csrfToken={csrfToken} token={token} invitation={invitation} errors={{ [error.field]: error.message }} />, 422);
      }
      throw error;
    }
  });
}
