import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { CONTENT_API_ACCESS, type ContentApiAccess, type Role } from '#src/db/schema.ts';
import type { ApiKey } from '#src/domain/api-keys/api-key-repository.ts';
import { createApiKeyService } from '#src/domain/api-keys/api-key-service.ts';
import { apiKeyStatus, type ApiKeyStatus } from '#src/domain/api-keys/api-key-status.ts';
import { createContentAccessService } from '#src/domain/content-api/content-access-service.ts';
import { ROLES } from '#src/domain/people/actor.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { Invalid } from '#src/lib/errors.ts';
import { textField } from '#src/lib/text-input.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import { endOfDay, utcToZonedLocal } from './client/zoned-time.ts';
import { DataTable, type Column } from './views/data-table.tsx';
import { CsrfField, Field, Notice, fieldId, formValues, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { sendNewsroomPage } from './views/send-page.ts';

const PAGE = '/newsroom/api-keys';

const STATUS_LABELS: Record<ApiKeyStatus, { label: string; badge: string }> = {
  active: { label: 'active', badge: 'published' },
  expired: { label: 'expired', badge: 'draft' },
  revoked: { label: 'revoked', badge: 'trashed' },
  'owner-disabled': { label: 'owner disabled', badge: 'disabled' },
};

type PageState = {
  values: FormValues;
  errors: FieldErrors;
  notice?: string;
  message?: string;
  /** A key just made: its whole secret, shown on this one answer and never again. */
  created?: { name: string; token: string };
};

type PageProps = {
  actor: SignedInActor;
  csrfToken: string | null;
  keys: ApiKey[];
  /** Who may read the Content API now. */
  contentAccess: ContentApiAccess;
  timeZone: string;
  now: number;
  state: PageState;
};

const ACCESS_LABELS: Record<ContentApiAccess, string> = {
  open: 'Open: anyone may read published content (any site may call it from the browser)',
  'key-required': 'Key required: only requests with an API key (of any role) may read it',
};

/** The Content API's access setting: open to all, or only with a key. */
function ContentAccessForm({ access, csrfToken }: { access: ContentApiAccess; csrfToken: string | null }) {
  return (
    <div class="nr-card">
      <h2>Content API</h2>
      <p class="nr-muted nr-small">
        Published articles, sections, tags, authors and settings as JSON under <code class="nr-code">/api/content/</code>.
      </p>
      <form method="post" action={`${PAGE}/content-access`} class="nr-form">
        <CsrfField token={csrfToken} />
        <fieldset>
          <legend>Who may read it</legend>
          {CONTENT_API_ACCESS.map((value) => (
            <label key={value}>
              <input type="radio" name="contentApiAccess" value={value} checked={value === access} /> {ACCESS_LABELS[value]}
            </label>
          ))}
        </fieldset>
        <div class="nr-actions">
          <button type="submit" class="nr-button nr-button--quiet">
            Save access
          </button>
        </div>
      </form>
    </div>
  );
}

/** "2026-12-01 14:32" in the site's zone, or a dash. */
function when(iso: string | null, timeZone: string): string {
  return iso ? utcToZonedLocal(iso, timeZone).replace('T', ' ') : '—';
}

function keyColumns(props: PageProps): Column<ApiKey>[] {
  const { timeZone, now, csrfToken } = props;
  return [
    { header: 'Name', cell: (key) => key.name },
    { header: 'Role', cell: (key) => key.role },
    { header: 'Key', cell: (key) => <code class="nr-code">{`qk_${key.prefix}_…`}</code> },
    { header: 'Made by', cell: (key) => key.owner.name },
    { header: 'Created', cell: (key) => when(key.createdAt, timeZone) },
    { header: 'Expires', cell: (key) => (key.expiresAt ? when(key.expiresAt, timeZone) : 'never') },
    { header: 'Last used', cell: (key) => (key.lastUsedAt ? when(key.lastUsedAt, timeZone) : 'never') },
    {
      header: 'Status',
      cell: (key) => {
        const status = STATUS_LABELS[apiKeyStatus(key, now)];
        return <span class={`nr-badge nr-badge--${status.badge}`}>{status.label}</span>;
      },
    },
    {
      header: <span class="nr-visually-hidden">Actions</span>,
      cell: (key) =>
        key.revokedAt ? null : (
          <form method="post" action={`${PAGE}/${key.id}/revoke`} class="nr-inline-form">
            <CsrfField token={csrfToken} />
            <button type="submit" class="nr-button nr-button--small nr-button--danger">
              Revoke<span class="nr-visually-hidden"> {key.name}</span>
            </button>
          </form>
        ),
    },
  ];
}

function ApiKeysPage(props: PageProps) {
  const { values, errors, created } = props.state;
  return (
    <NewsroomLayout title="API keys" actor={props.actor} csrfToken={props.csrfToken} active="api-keys">
      <h1>API keys</h1>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {created ? (
        <div class="nr-card">
          <Notice kind="warn">
            This is the only time the key “{created.name}” is shown: copy it now and keep it secret. Only its fingerprint is stored, so it cannot be
            shown again; if it is lost, make a new key and revoke this one.
          </Notice>
          <Field name="newKey" label="The new key">
            <input id={fieldId('newKey')} type="text" readonly value={created.token} autocomplete="off" spellcheck={false} />
          </Field>
          <p class="nr-muted nr-small">
            Send it on every Admin API request as <code class="nr-code">Authorization: Bearer {created.token.slice(0, 19)}…</code>
          </p>
        </div>
      ) : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      {props.keys.length === 0 ? (
        <p class="nr-muted">No API keys yet.</p>
      ) : (
        <DataTable items={props.keys} columns={keyColumns(props)} rowKey={(key) => key.id} />
      )}
      <div class="nr-card">
        <h2>Make a key</h2>
        <form method="post" action={PAGE} class="nr-form" novalidate>
          <CsrfField token={props.csrfToken} />
          <div class="nr-form-row">
            <Field name="name" label="Name" errors={errors} hint="What uses the key, e.g. “Mobile app”.">
              <input id={fieldId('name')} name="name" type="text" value={values.name ?? ''} {...invalidAttrs('name', errors)} />
            </Field>
            <Field name="role" label="Role" errors={errors} hint="The key acts with this role's rights, never more than yours.">
              <select id={fieldId('role')} name="role" {...invalidAttrs('role', errors)}>
                {ROLES.map((role) => (
                  <option value={role} selected={role === (values.role ?? 'contributor')} key={role}>
                    {role}
                  </option>
                ))}
              </select>
            </Field>
            <Field name="expiresOn" label="Expires after (optional)" errors={errors} hint={`The key works until the end of this day (${props.timeZone}); empty: it never expires.`}>
              <input id={fieldId('expiresOn')} name="expiresOn" type="date" value={values.expiresOn ?? ''} {...invalidAttrs('expiresOn', errors)} />
            </Field>
          </div>
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              Make key
            </button>
          </div>
        </form>
        <p class="nr-muted nr-small">
          A key acts on behalf of the admin who made it: it stops working when it expires, when it is revoked, or when that admin's account is disabled.
        </p>
      </div>
      <ContentAccessForm access={props.contentAccess} csrfToken={props.csrfToken} />
    </NewsroomLayout>
  );
}

/** The make-a-key form as typed; the service checks name and role against its rules. */
const newKeyForm = z.object({
  name: textField().catch(''),
  role: textField().catch(''),
  expiresOn: textField().trim().catch(''),
});

/** The page's query: `done` names the change just made. */
const doneQuerySchema = z.object({ done: z.enum(['revoked', 'access']).optional().catch(undefined) });

/** The Content API access form. */
const accessForm = z.object({ contentApiAccess: z.enum(CONTENT_API_ACCESS, { message: 'Choose who may read the Content API.' }) });

const DONE_NOTICES = { revoked: 'The key was revoked: it no longer works.', access: 'Saved: the Content API follows the new access rule from its next request.' } as const;

/** The API keys page (admin only): list, make (the secret shown once), revoke; and who may read the Content API. */
export async function registerApiKeysPage(app: FastifyInstance, context: AppContext): Promise<void> {
  const config = { minRole: 'admin' as const };
  const keys = createApiKeyService(context);
  const settings = createSettingsService(context);
  const contentAccess = createContentAccessService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const render = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, state: PageState, status = 200) => {
    const [list, { timeZone }, access] = await Promise.all([keys.list(actor), settings.forDisplay(), contentAccess.current()]);
    return sendNewsroomPage(
      reply,
      <ApiKeysPage actor={actor} csrfToken={request.csrfToken} keys={list} contentAccess={access} timeZone={timeZone} now={Date.now()} state={state} />,
      status,
    );
  };

  app.get(PAGE, { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const { done } = doneQuerySchema.parse(request.query ?? {});
    return render(request, reply, actor, { values: {}, errors: {}, notice: done ? DONE_NOTICES[done] : undefined });
  });

  app.post(PAGE, { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    const form = newKeyForm.parse(values);
    const notMade = 'The key was not made: correct the field marked below.';
    const { timeZone } = await settings.forDisplay();
    const expiresAt = form.expiresOn === '' ? null : endOfDay(form.expiresOn, timeZone);
    if (form.expiresOn !== '' && expiresAt === null) {
      return render(request, reply, actor, { values, errors: { expiresOn: 'Give the expiry as a date, such as 2027-12-31.' }, message: notMade }, 422);
    }
    try {
      const { key, token } = await keys.create(actor, { name: form.name, role: form.role as Role, expiresAt });
      return render(request, reply, actor, { values: {}, errors: {}, notice: `Made the ${key.role} key “${key.name}”.`, created: { name: key.name, token } }, 201);
    } catch (error) {
      if (error instanceof Invalid) {
        const field = error.field === 'expiresAt' ? 'expiresOn' : error.field;
        return render(request, reply, actor, { values, errors: { [field]: error.message }, message: notMade }, 422);
      }
      throw error;
    }
  });

  app.post(`${PAGE}/content-access`, { config }, async (request, reply) => {
    const actor = signedInActor(request);
    const form = accessForm.safeParse(formValues(request.body));
    if (!form.success) return render(request, reply, actor, { values: {}, errors: {}, message: form.error.issues[0]!.message }, 422);
    await contentAccess.set(actor, form.data.contentApiAccess);
    return reply.redirect(`${PAGE}?done=access`, 303);
  });

  api.post(`${PAGE}/:id/revoke`, { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    await keys.revoke(actor, request.params.id);
    return reply.redirect(`${PAGE}?done=revoked`, 303);
  });
}
