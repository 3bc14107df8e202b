import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import type { Role } from '#src/db/schema.ts';
import { ROLES } from '#src/domain/people/actor.ts';
import { listUsers, type User } from '#src/domain/people/user-repository.ts';
import { listAuthors, type Author } from '#src/domain/people/author-repository.ts';
import { changeUserRole, createUser, linkUserToAuthor, setUserDisabled } from '#src/domain/people/user-service.ts';
import { Invalid, NotFound } from '#src/lib/errors.ts';
import { requireRole, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { CsrfField, Field, Notice, fieldId, formValues, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { sendNewsroomPage } from './views/send-page.ts';

const ROLE_HELP: Record<Role, string> = {
  contributor: 'writes own drafts and submits them for review',
  author: 'also publishes own articles',
  editor: 'all articles, sections, tags, authors, media, rights desk',
  admin: 'also users and site settings',
};

type UsersState = { values: FormValues; errors: FieldErrors; notice?: string; message?: string; oneTimePassword?: { email: string; password: string } };

function RoleOptions({ selected }: { selected: string }) {
  return (
    <>
      {ROLES.map((role) => (
        <option value={role} selected={role === selected} key={role}>
          {role}
        </option>
      ))}
    </>
  );
}

function UserRow({ user, actor, csrfToken, authors }: { user: User; actor: SignedInActor; csrfToken: string | null; authors: Author[] }) {
  const isSelf = user.id === actor.id;
  return (
    <tr>
      <td>
        {user.name}
        {isSelf ? <span class="nr-muted"> (you)</span> : null}
        <div class="nr-muted nr-small">{user.email}</div>
      </td>
      <td>
        <form method="post" action={`/newsroom/users/${user.id}/role`} class="nr-inline-form">
          <CsrfField token={csrfToken} />
          <label class="nr-visually-hidden" for={`role-${user.id}`}>
            Role of {user.email}
          </label>
          <select id={`role-${user.id}`} name="role">
            <RoleOptions selected={user.role} />
          </select>
          <button type="submit" class="nr-button nr-button--quiet nr-button--small">
            Change role
          </button>
        </form>
      </td>
      <td>
        <form method="post" action={`/newsroom/users/${user.id}/author`} class="nr-inline-form">
          <CsrfField token={csrfToken} />
          <label class="nr-visually-hidden" for={`author-${user.id}`}>
            Byline of {user.email}
          </label>
          <select id={`author-${user.id}`} name="authorId">
            <option value="">None</option>
            {authors.map((author) => (
              <option value={String(author.id)} selected={author.id === user.authorId} key={author.id}>
                {author.name}
              </option>
            ))}
          </select>
          <button type="submit" class="nr-button nr-button--quiet nr-button--small">
            Link
          </button>
        </form>
      </td>
      <td>
        {user.disabledAt ? (
          <span class="nr-badge nr-badge--disabled">disabled</span>
        ) : user.mustChangePassword ? (
          <span class="nr-badge nr-badge--review">temporary password</span>
        ) : (
          <span class="nr-badge nr-badge--published">active</span>
        )}
      </td>
      <td>
        {isSelf ? null : (
          <form method="post" action={`/newsroom/users/${user.id}/${user.disabledAt ? 'enable' : 'disable'}`} class="nr-inline-form">
            <CsrfField token={csrfToken} />
            <button type="submit" class={`nr-button nr-button--small ${user.disabledAt ? 'nr-button--quiet' : 'nr-button--danger'}`}>
              {user.disabledAt ? 'Enable' : 'Disable'}
              <span class="nr-visually-hidden"> {user.email}</span>
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

function UsersPage(props: { actor: SignedInActor; csrfToken: string | null; users: User[]; authors: Author[]; state: UsersState }) {
  const { values, errors } = props.state;
  return (
    <NewsroomLayout title="Users" actor={props.actor} csrfToken={props.csrfToken} active="users">
      <h1>Users</h1>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.oneTimePassword ? (
        <Notice kind="warn">
          One-time password for {props.state.oneTimePassword.email}: <code class="nr-code">{props.state.oneTimePassword.password}</code> — pass it on
          securely; it is shown only now, and must be changed at first sign-in.
        </Notice>
      ) : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      <table class="nr-table">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">Byline</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span class="nr-visually-hidden">Actions</span>
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
        <h2>Add a user</h2>
        <form method="post" action="/newsroom/users" class="nr-form" novalidate>
          <CsrfField token={props.csrfToken} />
          <div class="nr-form-row">
            <Field name="email" label="Email" errors={errors}>
              <input id={fieldId('email')} name="email" type="email" value={values.email ?? ''} {...invalidAttrs('email', errors)} />
            </Field>
            <Field name="name" label="Name" errors={errors} hint="Shown in the newsroom; defaults to the part of the email before @.">
              <input id={fieldId('name')} name="name" type="text" value={values.name ?? ''} {...invalidAttrs('name', errors)} />
            </Field>
            <Field name="role" label="Role" errors={errors}>
              <select id={fieldId('role')} name="role" {...invalidAttrs('role', errors)}>
                <RoleOptions selected={values.role ?? 'contributor'} />
              </select>
            </Field>
          </div>
          <Field name="password" label="Password (optional)" errors={errors} hint="Leave empty to generate a one-time password the user must change.">
            <input id={fieldId('password')} name="password" type="password" autocomplete="new-password" {...invalidAttrs('password', errors)} />
          </Field>
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              Add user
            </button>
          </div>
        </form>
        <ul class="nr-muted nr-small">
          {ROLES.map((role) => (
            <li key={role}>
              <strong>{role}</strong>: {ROLE_HELP[role]}
            </li>
          ))}
        </ul>
      </div>
    </NewsroomLayout>
  );
}

function parseUserId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new NotFound('The user');
  return Number(raw);
}

/** The users page (admin only): list, add, change role, disable and enable. */
export async function registerUsersPages(app: FastifyInstance, context: AppContext): Promise<void> {
  const config = { minRole: 'admin' as const };
  const render = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, state: UsersState, status = 200) =>
    sendNewsroomPage(
      reply,
      <UsersPage actor={actor} csrfToken={request.csrfToken} users={await listUsers(context.database.db)} authors={await listAuthors(context.database.db)} state={state} />,
      status,
    );

  app.get('/newsroom/users', { config }, async (request, reply) => {
    const actor = requireRole(request, 'admin');
    const done = (request.query as Record<string, unknown>).done;
    return render(request, reply, actor, { values: {}, errors: {}, notice: typeof done === 'string' && done ? 'Saved.' : undefined });
  });

  app.post('/newsroom/users', { config }, async (request, reply) => {
    const actor = requireRole(request, 'admin');
    const values = formValues(request.body);
    try {
      const { user, generatedPassword } = await createUser(context, actor, {
        email: values.email ?? '',
        name: values.name || undefined,
        role: (values.role ?? '') as Role,
        password: values.password || undefined,
      });
      return render(request, reply, actor, {
        values: {},
        errors: {},
        notice: `Created ${user.role} ${user.email}.`,
        oneTimePassword: generatedPassword ? { email: user.email, password: generatedPassword } : undefined,
      }, 201);
    } catch (error) {
      if (error instanceof Invalid) {
        return render(request, reply, actor, { values: { ...values, password: '' }, errors: { [error.field]: error.message }, message: 'The user was not added: correct the field marked below.' }, 422);
      }
      throw error;
    }
  });

  app.post('/newsroom/users/:id/role', { config }, async (request, reply) => {
    const actor = requireRole(request, 'admin');
    const id = parseUserId((request.params as { id: string }).id);
    const role = formValues(request.body).role ?? '';
    try {
      await changeUserRole(context, actor, id, role as Role);
    } catch (error) {
      if (error instanceof Invalid) return render(request, reply, actor, { values: {}, errors: {}, message: error.message }, 422);
      throw error;
    }
    return reply.redirect('/newsroom/users?done=role', 303);
  });

  app.post('/newsroom/users/:id/author', { config }, async (request, reply) => {
    const actor = requireRole(request, 'admin');
    const id = parseUserId((request.params as { id: string }).id);
    const raw = (formValues(request.body).authorId ?? '').trim();
    try {
      if (!/^\d{0,9}$/.test(raw)) throw new Invalid('authorId', 'Choose an author profile from the list.');
      await linkUserToAuthor(context, actor, id, raw === '' ? null : Number(raw));
    } catch (error) {
      if (error instanceof Invalid) return render(request, reply, actor, { values: {}, errors: {}, message: error.message }, 422);
      throw error;
    }
    return reply.redirect('/newsroom/users?done=author', 303);
  });

  for (const action of ['disable', 'enable'] as const) {
    app.post(`/newsroom/users/:id/${action}`, { config }, async (request, reply) => {
      const actor = requireRole(request, 'admin');
      const id = parseUserId((request.params as { id: string }).id);
      try {
        await setUserDisabled(context, actor, id, action === 'disable');
      } catch (error) {
        if (error instanceof Invalid) return render(request, reply, actor, { values: {}, errors: {}, message: error.message }, 422);
        throw error;
      }
      return reply.redirect(`/newsroom/users?done=${action}`, 303);
    });
  }
}
