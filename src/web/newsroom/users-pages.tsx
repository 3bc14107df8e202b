import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import type { Role } from '#src/db/schema.ts';
import { ROLES } from '#src/domain/people/actor.ts';
import type { Author } from '#src/domain/people/author-repository.ts';
import type { User } from '#src/domain/people/user-repository.ts';
import { createUserService } from '#src/domain/people/user-service.ts';
import { Invalid } from '#src/lib/errors.ts';
import { NEWSROOM_LANGUAGES } from '#src/i18n/newsroom-translator.ts';
import { languageInfo } from '#src/i18n/languages.ts';
import { textField } from '#src/lib/text-input.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { newsroomTranslator } from './newsroom-language.ts';
import { perLanguage } from './per-language.ts';
import { CsrfField, Field, Notice, fieldId, formValues, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { RoleOptions } from './views/role-options.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import { keepOneTimePassword, takeOneTimePassword } from './one-time-password-flash.ts';

type UsersState = { values: FormValues; errors: FieldErrors; notice?: string; message?: string; oneTimePassword?: { email: string; password: string } };

/** A row's choice of the user's newsroom language: the site's default, or one of the newsroom's languages. */
function InterfaceLanguageForm({ user, csrfToken }: { user: User; csrfToken: string | null }) {
  const { t } = useNewsroomT();
  return (
    <form method="post" action={`/newsroom/users/${user.id}/interface-language`} class="nr-inline-form">
      <CsrfField token={csrfToken} />
      <label class="nr-visually-hidden" for={`language-${user.id}`}>
        {t('users.languageOf', { email: user.email })}
      </label>
      <select id={`language-${user.id}`} name="interfaceLanguage">
        <option value="" selected={user.interfaceLanguage === null}>
          {t('users.siteDefault')}
        </option>
        {NEWSROOM_LANGUAGES.map((code) => (
          <option value={code} lang={code} selected={user.interfaceLanguage === code} key={code}>
            {languageInfo(code).nativeName}
          </option>
        ))}
      </select>
      <button type="submit" class="nr-button nr-button--quiet nr-button--small">
        {t('users.setLanguage')}
      </button>
    </form>
  );
}

function UserRow({ user, actor, csrfToken, authors }: { user: User; actor: SignedInActor; csrfToken: string | null; authors: Author[] }) {
  const { t } = useNewsroomT();
  const isSelf = user.id === actor.id;
  return (
    <tr>
      <td>
        {user.name}
        {isSelf ? <span class="nr-muted"> {t('users.you')}</span> : null}
        <div class="nr-muted nr-small">{user.email}</div>
      </td>
      <td>
        <form method="post" action={`/newsroom/users/${user.id}/role`} class="nr-inline-form">
          <CsrfField token={csrfToken} />
          <label class="nr-visually-hidden" for={`role-${user.id}`}>
            {t('users.roleOf', { email: user.email })}
          </label>
          <select id={`role-${user.id}`} name="role">
            <RoleOptions selected={user.role} />
          </select>
          <button type="submit" class="nr-button nr-button--quiet nr-button--small">
            {t('users.changeRole')}
          </button>
        </form>
      </td>
      <td>
        <form method="post" action={`/newsroom/users/${user.id}/author`} class="nr-inline-form">
          <CsrfField token={csrfToken} />
          <label class="nr-visually-hidden" for={`author-${user.id}`}>
            {t('users.bylineOf', { email: user.email })}
          </label>
          <select id={`author-${user.id}`} name="authorId">
            <option value="">{t('common.none')}</option>
            {authors.map((author) => (
              <option value={String(author.id)} selected={author.id === user.authorId} key={author.id}>
                {author.name}
              </option>
            ))}
          </select>
          <button type="submit" class="nr-button nr-button--quiet nr-button--small">
            {t('users.link')}
          </button>
        </form>
      </td>
      <td>
        <InterfaceLanguageForm user={user} csrfToken={csrfToken} />
      </td>
      <td>
        {user.disabledAt ? (
          <span class="nr-badge nr-badge--disabled">{t('users.status.disabled')}</span>
        ) : user.mustChangePassword ? (
          <span class="nr-badge nr-badge--review">{t('users.status.temporaryPassword')}</span>
        ) : (
          <span class="nr-badge nr-badge--published">{t('users.status.active')}</span>
        )}
      </td>
      <td>
        {isSelf ? null : (
          <form method="post" action={`/newsroom/users/${user.id}/${user.disabledAt ? 'enable' : 'disable'}`} class="nr-inline-form">
            <CsrfField token={csrfToken} />
            <button type="submit" class={`nr-button nr-button--small ${user.disabledAt ? 'nr-button--quiet' : 'nr-button--danger'}`}>
              {user.disabledAt ? t('users.enable') : t('users.disable')}
              <span class="nr-visually-hidden"> {user.email}</span>
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

function UsersPage(props: { actor: SignedInActor; csrfToken: string | null; users: User[]; authors: Author[]; state: UsersState }) {
  const { t } = useNewsroomT();
  const { values, errors } = props.state;
  return (
    <NewsroomLayout title={t('users.title')} actor={props.actor} csrfToken={props.csrfToken} active="users">
      <h1>{t('users.title')}</h1>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.oneTimePassword ? (
        <Notice kind="warn">
          {t('users.oneTimePasswordFor', { email: props.state.oneTimePassword.email })} <code class="nr-code">{props.state.oneTimePassword.password}</code> —{' '}
          {t('users.oneTimePasswordAdvice')}
        </Notice>
      ) : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      <table class="nr-table">
        <thead>
          <tr>
            <th scope="col">{t('users.column.user')}</th>
            <th scope="col">{t('users.column.role')}</th>
            <th scope="col">{t('users.column.byline')}</th>
            <th scope="col">{t('users.column.language')}</th>
            <th scope="col">{t('users.column.status')}</th>
            <th scope="col">
              <span class="nr-visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((user) => (
            <UserRow user={user} actor={props.actor} csrfToken={props.csrfToken} authors={props.authors} key={user.id} />
          ))}
        </tbody>
      </table>
      <div class="nr-card">
        <h2>{t('users.add')}</h2>
        <form method="post" action="/newsroom/users" class="nr-form" novalidate>
          <CsrfField token={props.csrfToken} />
          <div class="nr-form-row">
            <Field name="email" label={t('users.field.email')} errors={errors}>
              <input id={fieldId('email')} name="email" type="email" value={values.email ?? ''} {...invalidAttrs('email', errors)} />
            </Field>
            <Field name="name" label={t('users.field.name')} errors={errors} hint={t('users.field.nameHint')}>
              <input id={fieldId('name')} name="name" type="text" value={values.name ?? ''} {...invalidAttrs('name', errors)} />
            </Field>
            <Field name="role" label={t('users.field.role')} errors={errors}>
              <select id={fieldId('role')} name="role" {...invalidAttrs('role', errors)}>
                <RoleOptions selected={values.role ?? 'contributor'} />
              </select>
            </Field>
          </div>
          <Field name="password" label={t('users.field.password')} errors={errors} hint={t('users.field.passwordHint')}>
            <input id={fieldId('password')} name="password" type="password" autocomplete="new-password" {...invalidAttrs('password', errors)} />
          </Field>
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              {t('users.addSubmit')}
            </button>
          </div>
        </form>
        <ul class="nr-muted nr-small">
          {ROLES.map((role) => (
            <li key={role}>
              <strong>{t(`role.${role}`)}</strong>: {t(`users.roleHelp.${role}`)}
            </li>
          ))}
        </ul>
      </div>
    </NewsroomLayout>
  );
}

/** The add-user form as typed; the user service checks it against the account rules (also the CLI's). */
const newUserForm = z.object({
  email: textField().catch(''),
  name: textField().catch(''),
  role: textField().catch(''),
  // A password is never cleaned: every character counts.
  password: z.string().catch(''),
});

/** The role form of one user's row. */
const roleForm = z.object({ role: textField().catch('') });

/** The byline form of one user's row: an author id, or empty to unlink. */
const authorForm = perLanguage((t) => z.object({ authorId: textField().trim().regex(/^\d{0,9}$/, t('users.error.chooseAuthor')).default('') }));

/** The newsroom-language form of one user's row: a language code, or empty for the site's default. */
const interfaceLanguageForm = z.object({ interfaceLanguage: textField().trim().max(20).catch('') });

/** The users page's query: `done` names the change just made, `added` the user just added. */
const doneQuerySchema = z.object({ done: z.string().optional().catch(undefined), added: z.coerce.number().int().optional().catch(undefined) });

/** The users page (admin only): list, add, change role, disable and enable. */
export async function registerUsersPages(app: FastifyInstance, context: AppContext): Promise<void> {
  const config = { minRole: 'admin' as const };
  const users = createUserService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const render = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, state: UsersState, status = 200) => {
    const overview = await users.overview(actor);
    return sendNewsroomPage(reply, <UsersPage actor={actor} csrfToken={request.csrfToken} users={overview.users} authors={overview.authors} state={state} />, status);
  };
  /** Runs a row's change; a refusal (Invalid) shows the page with its reason, as 422. */
  const change = async (request: FastifyRequest, reply: FastifyReply, done: string, run: (actor: SignedInActor) => Promise<unknown>) => {
    const actor = signedInActor(request);
    try {
      await run(actor);
    } catch (error) {
      if (error instanceof Invalid) return render(request, reply, actor, { values: {}, errors: {}, message: error.message }, 422);
      throw error;
    }
    return reply.redirect(`/newsroom/users?done=${done}`, 303);
  };

  app.get('/newsroom/users', { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const { done, added } = doneQuerySchema.parse(request.query ?? {});
    const { t } = newsroomTranslator(request);
    const flash = takeOneTimePassword(request, reply, context);
    if (added !== undefined) {
      const user = (await users.overview(actor)).users.find((u) => u.id === added);
      if (user) {
        const oneTimePassword = flash?.userId === user.id ? { email: user.email, password: flash.password } : undefined;
        return render(request, reply, actor, { values: {}, errors: {}, notice: t('users.created', { role: t(`role.${user.role}`), email: user.email }), oneTimePassword });
      }
    }
    return render(request, reply, actor, { values: {}, errors: {}, notice: done ? t('common.saved') : undefined });
  });

  app.post('/newsroom/users', { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    const form = newUserForm.parse(values);
    const { t } = newsroomTranslator(request);
    try {
      const { user, generatedPassword } = await users.create(actor, {
        email: form.email,
        name: form.name || undefined,
        role: form.role as Role,
        password: form.password || undefined,
      });
      // Post, redirect, get: a reload shows the page again instead of adding the user a second time.
      if (generatedPassword) keepOneTimePassword(reply, context, { userId: user.id, password: generatedPassword });
      return reply.redirect(`/newsroom/users?added=${user.id}`, 303);
    } catch (error) {
      if (error instanceof Invalid) {
        return render(request, reply, actor, { values: { ...values, password: '' }, errors: { [error.field]: error.message }, message: t('users.notAdded') }, 422);
      }
      throw error;
    }
  });

  api.post('/newsroom/users/:id/role', { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) =>
    change(request, reply, 'role', (actor) => users.changeRole(actor, request.params.id, roleForm.parse(formValues(request.body)).role as Role)),
  );

  api.post('/newsroom/users/:id/author', { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) =>
    change(request, reply, 'author', (actor) => {
      const form = authorForm(newsroomTranslator(request)).safeParse(formValues(request.body));
      if (!form.success) throw new Invalid('authorId', form.error.issues[0]!.message);
      return users.linkAuthor(actor, request.params.id, form.data.authorId === '' ? null : Number(form.data.authorId));
    }),
  );

  api.post('/newsroom/users/:id/interface-language', { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) =>
    change(request, reply, 'language', (actor) => {
      const { interfaceLanguage } = interfaceLanguageForm.parse(formValues(request.body));
      return users.setInterfaceLanguage(actor, request.params.id, interfaceLanguage === '' ? null : interfaceLanguage);
    }),
  );

  for (const action of ['disable', 'enable'] as const) {
    api.post(`/newsroom/users/:id/${action}`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) =>
      change(request, reply, action, (actor) => users.setDisabled(actor, request.params.id, action === 'disable')),
    );
  }
}
