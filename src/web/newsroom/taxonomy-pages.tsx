import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { recordAudit } from '#src/domain/audit/audit-log.ts';
import { listSections } from '#src/domain/sections/section-repository.ts';
import { Invalid, NotFound } from '#src/lib/errors.ts';
import { requireRole, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { TAXONOMY_KINDS, type TaxonomyKind } from './taxonomy-kinds.tsx';
import { CsrfField, Notice, formValues, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { sendNewsroomPage } from './views/send-page.ts';

function parseId(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new NotFound('That item');
  return Number(raw);
}

type PageState = { values: FormValues; errors: FieldErrors; notice?: string; message?: string };

async function renderList(context: AppContext, request: FastifyRequest, reply: FastifyReply, kind: TaxonomyKind, actor: SignedInActor, state: PageState, status = 200) {
  const db = context.database.db;
  const [items, sections] = await Promise.all([kind.list(db), kind.key === 'sections' ? listSections(db) : Promise.resolve([])]);
  return sendNewsroomPage(
    reply,
    <NewsroomLayout title={kind.title} actor={actor} csrfToken={request.csrfToken} active={kind.key}>
      <div class="nr-page-head">
        <h1>{kind.title}</h1>
      </div>
      <p class="nr-muted">{kind.intro}</p>
      {state.notice ? <Notice kind="ok">{state.notice}</Notice> : null}
      {state.message ? <Notice kind="error">{state.message}</Notice> : null}
      <div class="nr-card">
        <h2>Add a {kind.subject}</h2>
        <form method="post" action={`/newsroom/${kind.key}`} class="nr-form" novalidate>
          <CsrfField token={request.csrfToken} />
          <kind.Fields values={state.values} errors={state.errors} sections={sections} />
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              Add {kind.subject}
            </button>
          </div>
        </form>
      </div>
      {items.length ? <kind.Table items={items} /> : <p class="nr-muted">No {kind.key} yet.</p>}
    </NewsroomLayout>,
    status,
  );
}

async function renderEdit(context: AppContext, request: FastifyRequest, reply: FastifyReply, kind: TaxonomyKind, actor: SignedInActor, id: number, state: PageState, status = 200) {
  const sections = kind.key === 'sections' ? await listSections(context.database.db) : [];
  return sendNewsroomPage(
    reply,
    <NewsroomLayout title={`Edit ${kind.subject}`} actor={actor} csrfToken={request.csrfToken} active={kind.key}>
      <p>
        <a href={`/newsroom/${kind.key}`}>← All {kind.key}</a>
      </p>
      <h1>Edit {kind.subject}</h1>
      {state.notice ? <Notice kind="ok">{state.notice}</Notice> : null}
      {state.message ? <Notice kind="error">{state.message}</Notice> : null}
      <div class="nr-card">
        <form method="post" action={`/newsroom/${kind.key}/${id}`} class="nr-form" novalidate>
          <CsrfField token={request.csrfToken} />
          <kind.Fields values={state.values} errors={state.errors} sections={sections} selfId={id} />
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              Save changes
            </button>
          </div>
        </form>
      </div>
    </NewsroomLayout>,
    status,
  );
}

/** Validates and writes; answers the field errors when the input (or the repository) refuses it. */
async function save(context: AppContext, kind: TaxonomyKind, actor: SignedInActor, values: FormValues, id?: number): Promise<FieldErrors | number> {
  const parsed = kind.parse(values);
  if ('errors' in parsed) return parsed.errors;
  const db = context.database.db;
  let savedId: number;
  try {
    if (id === undefined) {
      savedId = await kind.create(db, parsed.input);
    } else {
      if (!(await kind.update(db, id, parsed.input))) throw new NotFound(`That ${kind.subject}`);
      savedId = id;
    }
  } catch (error) {
    if (error instanceof Invalid) return { [error.field]: error.message };
    throw error;
  }
  await recordAudit(db, {
    userId: actor.id,
    action: id === undefined ? 'taxonomy.created' : 'taxonomy.updated',
    subjectType: kind.subject,
    subjectId: savedId,
    details: parsed.input,
  });
  context.events.emit('taxonomy.updated');
  return savedId;
}

function registerKind(app: FastifyInstance, context: AppContext, kind: TaxonomyKind): void {
  const base = `/newsroom/${kind.key}`;
  const config = { minRole: 'editor' as const };

  app.get(base, { config }, async (request, reply) => {
    const actor = requireRole(request, 'editor');
    const query = request.query as Record<string, unknown>;
    const notice = query.saved === '1' ? `The ${kind.subject} was saved.` : undefined;
    return renderList(context, request, reply, kind, actor, { values: {}, errors: {}, notice });
  });

  app.post(base, { config }, async (request, reply) => {
    const actor = requireRole(request, 'editor');
    const values = formValues(request.body);
    const outcome = await save(context, kind, actor, values);
    if (typeof outcome !== 'number') {
      return renderList(context, request, reply, kind, actor, { values, errors: outcome, message: `The ${kind.subject} was not saved: correct the fields marked below.` }, 422);
    }
    return reply.redirect(`${base}?saved=1`, 303);
  });

  app.get(`${base}/:id`, { config }, async (request, reply) => {
    const actor = requireRole(request, 'editor');
    const id = parseId((request.params as { id: string }).id);
    const values = await kind.values(context.database.db, id);
    if (!values) throw new NotFound(`That ${kind.subject}`);
    const notice = (request.query as Record<string, unknown>).saved === '1' ? 'Saved.' : undefined;
    return renderEdit(context, request, reply, kind, actor, id, { values, errors: {}, notice });
  });

  app.post(`${base}/:id`, { config }, async (request, reply) => {
    const actor = requireRole(request, 'editor');
    const id = parseId((request.params as { id: string }).id);
    if (!(await kind.values(context.database.db, id))) throw new NotFound(`That ${kind.subject}`);
    const values = formValues(request.body);
    const outcome = await save(context, kind, actor, values, id);
    if (typeof outcome !== 'number') {
      return renderEdit(context, request, reply, kind, actor, id, { values, errors: outcome, message: 'Not saved: correct the fields marked below.' }, 422);
    }
    return reply.redirect(`${base}/${id}?saved=1`, 303);
  });
}

/** Sections, tags, authors and locations: list, add and edit (editor and above). */
export async function registerTaxonomyPages(app: FastifyInstance, context: AppContext): Promise<void> {
  for (const kind of TAXONOMY_KINDS) registerKind(app, context, kind);
}
