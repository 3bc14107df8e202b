import type { LicenceRequestStatus } from '#src/db/schema.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import { licenceStatus, type LicenceStatus } from '#src/domain/licences/licence-coverage.ts';
import type { Licence } from '#src/domain/licences/licence-repository.ts';
import type { LicenceRequest } from '#src/domain/licences/licence-request-repository.ts';
import type { Partner } from '#src/domain/licences/partner-repository.ts';
import { utcToZonedLocal } from './client/zoned-time.ts';
import { DataTable, type Column } from './views/data-table.tsx';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';

/** Where the rights desk's pages live. */
export const LICENCES_PATH = '/newsroom/licences';
export const REQUESTS_PATH = '/newsroom/licences/requests';
export const PARTNERS_PATH = '/newsroom/partners';

/** What a page shows besides its data: a form as typed, its errors, and messages. */
export type DeskPageState = { values: FormValues; errors: FieldErrors; notice?: string; message?: string };

const REQUEST_STATUS_LABELS: Record<LicenceRequestStatus, { label: string; badge: string }> = {
  pending: { label: 'pending', badge: 'review' },
  approved: { label: 'approved', badge: 'published' },
  denied: { label: 'denied', badge: 'trashed' },
};

const LICENCE_STATUS_LABELS: Record<LicenceStatus, { label: string; badge: string }> = {
  live: { label: 'in force', badge: 'published' },
  expired: { label: 'expired', badge: 'draft' },
  revoked: { label: 'revoked', badge: 'trashed' },
  'not-started': { label: 'not started', badge: 'scheduled' },
};

/** "2026-12-01 14:32" in the site's zone, or a dash. */
export function when(iso: string | null, timeZone: string): string {
  return iso ? utcToZonedLocal(iso, timeZone).replace('T', ' ') : '—';
}

/** What a licence covers, in words. */
export function coverage(licence: Pick<Licence, 'scope' | 'article' | 'section'>): string {
  if (licence.scope === 'all') return 'Every article';
  if (licence.scope === 'section') return `Section “${licence.section?.name ?? '?'}” and its subsections`;
  return `Article “${licence.article?.title ?? '?'}”`;
}

/** The links between the rights desk's pages; `current` is the one shown. */
export function DeskNav({ current }: { current: 'requests' | 'licences' | 'partners' }) {
  const items = [
    { key: 'requests', href: REQUESTS_PATH, label: 'Requests' },
    { key: 'licences', href: LICENCES_PATH, label: 'Licences' },
    { key: 'partners', href: PARTNERS_PATH, label: 'Partners' },
  ] as const;
  return (
    <nav class="nr-filter" aria-label="Licences">
      {items.map((item, index) => (
        <>
          {index > 0 ? ' · ' : null}
          <a href={item.href} aria-current={item.key === current ? 'page' : undefined}>
            {item.label}
          </a>
        </>
      ))}
    </nav>
  );
}

type QueueProps = {
  actor: Actor;
  csrfToken: string | null;
  status: LicenceRequestStatus;
  requests: { items: LicenceRequest[]; total: number; page: number; pageSize: number };
  timeZone: string;
  notice?: string;
};

function requestColumns(timeZone: string): Column<LicenceRequest>[] {
  return [
    { header: 'Received', cell: (r) => <time datetime={r.createdAt}>{when(r.createdAt, timeZone)}</time> },
    {
      header: 'Article',
      cell: (r) => (
        <>
          <a href={`${REQUESTS_PATH}/${r.id}`}>{r.article.title}</a> <span class="nr-muted nr-small">({r.article.language})</span>
        </>
      ),
    },
    {
      header: 'From',
      cell: (r) => (
        <>
          {r.organisation}
          <div class="nr-muted nr-small">
            {r.domain} · {r.contactName} &lt;{r.contactEmail}&gt;
          </div>
        </>
      ),
    },
    { header: 'Via', cell: (r) => (r.source === 'form' ? 'public form' : 'API') },
    {
      header: 'Status',
      cell: (r) => <span class={`nr-badge nr-badge--${REQUEST_STATUS_LABELS[r.status].badge}`}>{REQUEST_STATUS_LABELS[r.status].label}</span>,
    },
  ];
}

/** The queue of licence requests: pending ones oldest first, decided ones newest first. */
export function RequestsQueuePage(props: QueueProps) {
  const { requests, status } = props;
  const pages = Math.max(1, Math.ceil(requests.total / requests.pageSize));
  const base = `${REQUESTS_PATH}?status=${status}`;
  return (
    <NewsroomLayout title="Licence requests" actor={props.actor} csrfToken={props.csrfToken} active="licences">
      <h1>Licence requests</h1>
      <DeskNav current="requests" />
      <p class="nr-muted">
        Publishers ask here to republish an article in full (from the link under every article, or through the API). Approving makes a licence
        for the partner holding the request's domain, or for a new partner made from the request.
      </p>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <nav class="nr-filter" aria-label="Requests by status">
        {(['pending', 'approved', 'denied'] as const).map((s, index) => (
          <>
            {index > 0 ? ' · ' : null}
            <a href={`${REQUESTS_PATH}?status=${s}`} aria-current={s === status ? 'page' : undefined}>
              {s[0]!.toUpperCase() + s.slice(1)}
            </a>
          </>
        ))}
      </nav>
      {requests.items.length === 0 ? (
        <p class="nr-muted">{status === 'pending' ? 'No requests are waiting.' : `No ${status} requests.`}</p>
      ) : (
        <DataTable items={requests.items} columns={requestColumns(props.timeZone)} rowKey={(r) => r.id} />
      )}
      {pages > 1 ? (
        <nav class="nr-pager" aria-label="Request pages">
          {requests.page > 1 ? <a href={`${base}&page=${requests.page - 1}`}>← Previous</a> : null}
          <span aria-current="page">
            Page {requests.page} of {pages}
          </span>
          {requests.page < pages ? <a href={`${base}&page=${requests.page + 1}`}>Next →</a> : null}
        </nav>
      ) : null}
    </NewsroomLayout>
  );
}

type RequestPageProps = {
  actor: Actor;
  csrfToken: string | null;
  request: LicenceRequest;
  /** The partner an approval licenses (null: one will be made from the request). */
  partner: Partner | null;
  timeZone: string;
  state: DeskPageState;
};

/** The approve form: what the licence covers, until when, and terms for the partner. */
function ApproveForm({ request, csrfToken, state }: { request: LicenceRequest; csrfToken: string | null; state: DeskPageState }) {
  const { values, errors } = state;
  const scope = values.scope ?? 'article';
  const options = [
    { value: 'article', label: `This article only: “${request.article.title}”` },
    { value: 'section', label: `Its section, “${request.article.sectionName}”, with its subsections` },
    { value: 'all', label: 'Every article' },
  ];
  return (
    <form method="post" action={`${REQUESTS_PATH}/${request.id}/approve`} class="nr-form" novalidate>
      <CsrfField token={csrfToken} />
      <fieldset class="nr-fieldset" aria-describedby={errors.scope ? `${fieldId('scope')}-error` : undefined}>
        <legend>The licence covers</legend>
        {options.map((option) => (
          <div class="nr-field--check" key={option.value}>
            <input type="radio" id={`scope-${option.value}`} name="scope" value={option.value} checked={scope === option.value} />
            <label for={`scope-${option.value}`}>{option.label}</label>
          </div>
        ))}
        {errors.scope ? (
          <span class="nr-error" id={`${fieldId('scope')}-error`} role="alert">
            {errors.scope}
          </span>
        ) : null}
      </fieldset>
      <Field name="expiresOn" label="Valid until" errors={errors} hint="The licence ends when this day ends (the site's time zone).">
        <input id={fieldId('expiresOn')} name="expiresOn" type="date" value={values.expiresOn ?? ''} {...invalidAttrs('expiresOn', errors)} />
      </Field>
      <Field name="approveNote" label="Terms or note for the partner (optional)" errors={errors} hint="Shown with the articles in the partner's feed.">
        <textarea id={fieldId('approveNote')} name="note" {...invalidAttrs('approveNote', errors)}>
          {values.approveNote ?? ''}
        </textarea>
      </Field>
      <div class="nr-actions">
        <button type="submit" class="nr-button">
          Approve and grant the licence
        </button>
      </div>
    </form>
  );
}

/** The deny form: the reason is required. */
function DenyForm({ request, csrfToken, state }: { request: LicenceRequest; csrfToken: string | null; state: DeskPageState }) {
  const { values, errors } = state;
  return (
    <form method="post" action={`${REQUESTS_PATH}/${request.id}/deny`} class="nr-form" novalidate>
      <CsrfField token={csrfToken} />
      <Field name="denyNote" label="Reason" errors={errors} hint="Kept with the request.">
        <textarea id={fieldId('denyNote')} name="note" {...invalidAttrs('denyNote', errors)}>
          {values.denyNote ?? ''}
        </textarea>
      </Field>
      <div class="nr-actions">
        <button type="submit" class="nr-button nr-button--danger">
          Deny the request
        </button>
      </div>
    </form>
  );
}

/** One request: who asks for what, and (while pending) the approve and deny forms. */
export function RequestPage(props: RequestPageProps) {
  const { request, partner, timeZone } = props;
  const status = REQUEST_STATUS_LABELS[request.status];
  return (
    <NewsroomLayout title="Licence request" actor={props.actor} csrfToken={props.csrfToken} active="licences">
      <p>
        <a href={REQUESTS_PATH}>← All requests</a>
      </p>
      <h1>Licence request</h1>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      <div class="nr-card">
        <dl class="nr-details">
          <dt>Article</dt>
          <dd>
            <a href={`/newsroom/articles/${request.article.id}`}>{request.article.title}</a> ({request.article.language}, section {request.article.sectionName})
          </dd>
          <dt>Organisation</dt>
          <dd>{request.organisation}</dd>
          <dt>Website</dt>
          <dd>{request.domain}</dd>
          <dt>Contact</dt>
          <dd>
            {request.contactName}, <a href={`mailto:${request.contactEmail}`}>{request.contactEmail}</a> (writes in {request.language})
          </dd>
          <dt>Message</dt>
          <dd class="nr-pre">{request.message || '—'}</dd>
          <dt>Received</dt>
          <dd>
            {when(request.createdAt, timeZone)} via {request.source === 'form' ? 'the public form' : 'the API'}
          </dd>
          <dt>Status</dt>
          <dd>
            <span class={`nr-badge nr-badge--${status.badge}`}>{status.label}</span>
            {request.decidedAt ? ` on ${when(request.decidedAt, timeZone)}${request.decidedBy ? ` by ${request.decidedBy.name}` : ''}` : null}
            {request.licenceId ? (
              <>
                {' '}
                — <a href={`${LICENCES_PATH}#licence-${request.licenceId}`}>licence No. {request.licenceId}</a>
              </>
            ) : null}
          </dd>
          {request.decisionNote ? (
            <>
              <dt>Note</dt>
              <dd class="nr-pre">{request.decisionNote}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {request.status === 'pending' ? (
        <>
          <div class="nr-card">
            <h2>Approve</h2>
            {partner ? (
              <p>
                The licence goes to <a href={`${PARTNERS_PATH}/${partner.id}`}>{partner.organisation}</a> ({partner.domains.join(', ')}).
              </p>
            ) : (
              <p>
                No partner holds {request.domain} yet: approving adds “{request.organisation}” as a partner with that domain.
              </p>
            )}
            <ApproveForm request={request} csrfToken={props.csrfToken} state={props.state} />
          </div>
          <div class="nr-card">
            <h2>Deny</h2>
            <DenyForm request={request} csrfToken={props.csrfToken} state={props.state} />
          </div>
        </>
      ) : null}
    </NewsroomLayout>
  );
}

type LicencesProps = { actor: Actor; csrfToken: string | null; licences: Licence[]; timeZone: string; now: string; notice?: string };

function licenceColumns(props: LicencesProps): Column<Licence>[] {
  const { timeZone, now, csrfToken } = props;
  return [
    { header: 'No.', cell: (l) => <span id={`licence-${l.id}`}>{l.id}</span>, class: 'nr-num' },
    { header: 'Partner', cell: (l) => <a href={`${PARTNERS_PATH}/${l.partner.id}`}>{l.partner.organisation}</a> },
    {
      header: 'Covers',
      cell: (l) => (
        <>
          {coverage(l)}
          {l.note ? <div class="nr-muted nr-small">{l.note}</div> : null}
        </>
      ),
    },
    { header: 'From', cell: (l) => when(l.startsAt, timeZone) },
    { header: 'Until', cell: (l) => when(l.expiresAt, timeZone) },
    {
      header: 'Status',
      cell: (l) => {
        const status = LICENCE_STATUS_LABELS[licenceStatus(l, now)];
        return <span class={`nr-badge nr-badge--${status.badge}`}>{status.label}</span>;
      },
    },
    {
      header: <span class="nr-visually-hidden">Actions</span>,
      cell: (l) =>
        licenceStatus(l, now) === 'live' ? (
          <form method="post" action={`${LICENCES_PATH}/${l.id}/revoke`} class="nr-inline-form">
            <CsrfField token={csrfToken} />
            <button type="submit" class="nr-button nr-button--small nr-button--danger">
              Revoke<span class="nr-visually-hidden"> licence {l.id}</span>
            </button>
          </form>
        ) : null,
    },
  ];
}

/** Every licence, newest first, with revoke for those in force. */
export function LicencesPage(props: LicencesProps) {
  return (
    <NewsroomLayout title="Licences" actor={props.actor} csrfToken={props.csrfToken} active="licences">
      <h1>Licences</h1>
      <DeskNav current="licences" />
      <p class="nr-muted">
        A licence lets a partner republish in full, on its domains, until it expires or is revoked: the reuse checker answers “licensed” for its
        copies, and its syndication feed carries the articles it covers.
      </p>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.licences.length === 0 ? <p class="nr-muted">No licences yet.</p> : <DataTable items={props.licences} columns={licenceColumns(props)} rowKey={(l) => l.id} />}
    </NewsroomLayout>
  );
}
