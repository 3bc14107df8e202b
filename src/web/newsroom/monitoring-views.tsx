import type { FindingStatus, WatchPollStatus, WatchSourceKind } from '#src/db/schema.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import type { WatchSource } from '#src/domain/monitoring/source-repository.ts';
import type { FindingVerdict } from '#src/domain/monitoring/monitoring-schema.ts';
import { DataTable, type Column } from './views/data-table.tsx';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { when } from './licences-views.tsx';

/** Where the copy monitor's pages live. */
export const FINDINGS_PATH = '/newsroom/monitoring/findings';
export const SOURCES_PATH = '/newsroom/monitoring/sources';

/** What a page shows besides its data: a form as typed, its errors, and messages. */
export type MonitorPageState = { values: FormValues; errors: FieldErrors; notice?: string; message?: string };

export const STATUS_LABELS: Record<FindingStatus, { label: string; badge: string }> = {
  open: { label: 'open', badge: 'review' },
  contacted: { label: 'contacted', badge: 'scheduled' },
  resolved: { label: 'resolved', badge: 'published' },
  licensed: { label: 'licensed', badge: 'published' },
  dismissed: { label: 'dismissed', badge: 'draft' },
};

export const VERDICT_LABELS: Record<FindingVerdict, string> = {
  'over-quota': 'over the quota',
  'missing-link': 'no link',
  'link-not-compliant': 'link not compliant',
  licensed: 'licensed',
};

const KIND_LABELS: Record<WatchSourceKind, string> = { feed: 'Feed (RSS, Atom or JSON Feed)', sitemap: 'Sitemap', page: 'One page' };

const POLL_LABELS: Record<WatchPollStatus, { label: string; badge: string }> = {
  ok: { label: 'read', badge: 'published' },
  'not-modified': { label: 'unchanged', badge: 'published' },
  failed: { label: 'failed', badge: 'trashed' },
  'robots-disallowed': { label: 'refused by robots.txt', badge: 'trashed' },
};

/** The links between the monitor's pages; `current` is the one shown. */
export function MonitorNav({ current }: { current: 'findings' | 'sources' }) {
  return (
    <nav class="nr-filter" aria-label="Copy monitor">
      <a href={FINDINGS_PATH} aria-current={current === 'findings' ? 'page' : undefined}>
        Findings
      </a>
      {' · '}
      <a href={SOURCES_PATH} aria-current={current === 'sources' ? 'page' : undefined}>
        Watch list
      </a>
    </nav>
  );
}

/** A page's "Previous · Page n of m · Next" links, keeping the other query parameters. */
export function Pager({ label, page, pages, hrefOf }: { label: string; page: number; pages: number; hrefOf: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav class="nr-pager" aria-label={label}>
      {page > 1 ? <a href={hrefOf(page - 1)}>← Previous</a> : null}
      <span aria-current="page">
        Page {page} of {pages}
      </span>
      {page < pages ? <a href={hrefOf(page + 1)}>Next →</a> : null}
    </nav>
  );
}

function LastPoll({ source, timeZone }: { source: WatchSource; timeZone: string }) {
  if (!source.lastPolledAt || !source.lastStatus) return <span class="nr-muted">not polled yet</span>;
  const status = POLL_LABELS[source.lastStatus];
  return (
    <>
      <span class={`nr-badge nr-badge--${status.badge}`}>{status.label}</span> <time datetime={source.lastPolledAt}>{when(source.lastPolledAt, timeZone)}</time>
      {source.lastError ? <div class="nr-error nr-small">{source.lastError}</div> : null}
    </>
  );
}

function sourceColumns(timeZone: string): Column<WatchSource>[] {
  return [
    {
      header: 'Source',
      cell: (s) => (
        <>
          <a href={`${SOURCES_PATH}/${s.id}`}>{s.name || s.url}</a>
          <div class="nr-muted nr-small">
            {s.kind} · <code>{s.url}</code>
          </div>
        </>
      ),
    },
    { header: 'Every', cell: (s) => (s.active ? `${s.pollIntervalMinutes} min` : <span class="nr-badge nr-badge--draft">paused</span>) },
    { header: 'Last poll', cell: (s) => <LastPoll source={s} timeZone={timeZone} /> },
    { header: 'Findings', cell: (s) => (s.findings > 0 ? <a href={`${FINDINGS_PATH}?sourceId=${s.id}`}>{s.findings}</a> : '0') },
  ];
}

/** The fields of the add and edit forms. */
function SourceFields({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  return (
    <>
      <Field name="url" label="Address" errors={errors} hint="The feed's, sitemap's or page's http(s) address.">
        <input id={fieldId('url')} name="url" type="url" inputMode="url" value={values.url ?? ''} {...invalidAttrs('url', errors)} />
      </Field>
      <Field name="kind" label="It is" errors={errors}>
        <select id={fieldId('kind')} name="kind" {...invalidAttrs('kind', errors)}>
          {(Object.keys(KIND_LABELS) as WatchSourceKind[]).map((kind) => (
            <option value={kind} selected={values.kind === kind} key={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </Field>
      <Field name="name" label="Name (optional)" errors={errors} hint="What the desk calls it, such as the site's name.">
        <input id={fieldId('name')} name="name" type="text" value={values.name ?? ''} {...invalidAttrs('name', errors)} />
      </Field>
      <Field name="pollIntervalMinutes" label="Minutes between polls" errors={errors} hint="At least 5; an hour suits most news sites.">
        <input id={fieldId('pollIntervalMinutes')} name="pollIntervalMinutes" type="number" value={values.pollIntervalMinutes ?? ''} {...invalidAttrs('pollIntervalMinutes', errors)} />
      </Field>
      <div class="nr-field nr-field--check">
        <input id={fieldId('active')} name="active" type="checkbox" checked={values.active === 'on'} />
        <label for={fieldId('active')}>Poll it (untick to pause)</label>
      </div>
    </>
  );
}

/** The watch list and the form to add a source. */
export function SourcesPage(props: { actor: Actor; csrfToken: string | null; sources: WatchSource[]; timeZone: string; userAgent: string; state: MonitorPageState }) {
  const { values, errors } = props.state;
  return (
    <NewsroomLayout title="Watch list" actor={props.actor} csrfToken={props.csrfToken} active="monitoring">
      <h1>Watch list</h1>
      <MonitorNav current="sources" />
      <p class="nr-muted">
        Feeds, sitemaps and pages of other sites, polled for copies of our articles. New pages they list are fetched and checked against the reuse
        policy; what breaks it becomes a finding. Polls are polite: they ask only for what changed, honour robots.txt, wait between requests to
        one site, and say who we are (<code>{props.userAgent}</code>).
      </p>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      {props.sources.length === 0 ? <p class="nr-muted">Nothing is watched yet.</p> : <DataTable items={props.sources} columns={sourceColumns(props.timeZone)} rowKey={(s) => s.id} />}
      <h2>Watch a source</h2>
      <form method="post" action={SOURCES_PATH} class="nr-card nr-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <SourceFields values={values} errors={errors} />
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            Watch it
          </button>
        </div>
      </form>
    </NewsroomLayout>
  );
}

/** One source: how it was last polled, its form, poll now and remove. */
export function SourcePage(props: { actor: Actor; csrfToken: string | null; source: WatchSource; timeZone: string; state: MonitorPageState }) {
  const { source } = props;
  const { values, errors } = props.state;
  const title = source.name || source.url;
  return (
    <NewsroomLayout title={`Watch source: ${title}`} actor={props.actor} csrfToken={props.csrfToken} active="monitoring">
      <h1>{title}</h1>
      <MonitorNav current="sources" />
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      <dl class="nr-details nr-card">
        <dt>Last poll</dt>
        <dd>
          <LastPoll source={source} timeZone={props.timeZone} />
        </dd>
        <dt>Next poll</dt>
        <dd>{source.active ? when(source.nextPollAt, props.timeZone) : 'paused'}</dd>
        <dt>Findings</dt>
        <dd>{source.findings > 0 ? <a href={`${FINDINGS_PATH}?sourceId=${source.id}`}>{source.findings}</a> : 'none'}</dd>
      </dl>
      {source.active ? (
        <form method="post" action={`${SOURCES_PATH}/${source.id}/poll`} class="nr-inline-form">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="nr-button nr-button--quiet">
            Poll now
          </button>
        </form>
      ) : null}
      <h2>Change it</h2>
      <form method="post" action={`${SOURCES_PATH}/${source.id}`} class="nr-card nr-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <SourceFields values={values} errors={errors} />
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            Save
          </button>
        </div>
      </form>
      <form method="post" action={`${SOURCES_PATH}/${source.id}/delete`} class="nr-inline-form">
        <CsrfField token={props.csrfToken} />
        <button type="submit" class="nr-button nr-button--danger">
          Stop watching (findings stay)
        </button>
      </form>
    </NewsroomLayout>
  );
}

/** The values of a source's form, as the browser would post them. */
export function sourceFormValues(source: WatchSource): FormValues {
  return { url: source.url, kind: source.kind, name: source.name, pollIntervalMinutes: String(source.pollIntervalMinutes), active: source.active ? 'on' : '' };
}
