import { FINDING_STATUSES, type FindingStatus } from '#src/db/schema.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import type { Finding, FindingFilter, FindingSummary } from '#src/domain/monitoring/finding-repository.ts';
import type { FindingPage } from '#src/domain/monitoring/finding-service.ts';
import { FINDING_VERDICTS } from '#src/domain/monitoring/monitoring-schema.ts';
import type { WatchSource } from '#src/domain/monitoring/source-repository.ts';
import { VERDICT_WORDS } from '#src/domain/rights/reuse-verdict.ts';
import { isSafeHref } from '#src/lib/safe-href.ts';
import { when } from './licences-views.tsx';
import { FINDINGS_PATH, MonitorNav, Pager, STATUS_LABELS, VERDICT_LABELS, type MonitorPageState } from './monitoring-views.tsx';
import { DataTable, type Column } from './views/data-table.tsx';
import { CsrfField, Field, Notice, fieldId, invalidAttrs } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';

/** The list's address for `filter` at `page` (empty filters left out). */
export function findingsHref(filter: FindingFilter, page = 1): string {
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.verdict) query.set('verdict', filter.verdict);
  if (filter.sourceId !== undefined) query.set('sourceId', String(filter.sourceId));
  if (filter.articleId !== undefined) query.set('articleId', String(filter.articleId));
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${FINDINGS_PATH}?${text}` : FINDINGS_PATH;
}

function StatusBadge({ status }: { status: FindingStatus }) {
  return <span class={`nr-badge nr-badge--${STATUS_LABELS[status].badge}`}>{STATUS_LABELS[status].label}</span>;
}

/** An outside address as a link when it is http(s), else as text: it came from another site. */
function OutsideLink({ href }: { href: string }) {
  return isSafeHref(href) && !href.toLowerCase().startsWith('mailto:') ? (
    <a href={href} rel="noopener noreferrer nofollow">
      {href}
    </a>
  ) : (
    <code>{href}</code>
  );
}

function findingColumns(timeZone: string): Column<FindingSummary>[] {
  return [
    { header: 'First seen', cell: (f) => <time datetime={f.firstSeenAt}>{when(f.firstSeenAt, timeZone)}</time> },
    {
      header: 'Page',
      cell: (f) => (
        <>
          <a href={`${FINDINGS_PATH}/${f.id}`}>{f.pageUrl}</a>
          <div class="nr-muted nr-small">copies “{f.article.title}”</div>
        </>
      ),
    },
    { header: 'Verdict', cell: (f) => VERDICT_LABELS[f.verdict] },
    { header: 'Share', cell: (f) => `${f.shareOfOriginal}%` },
    { header: 'Status', cell: (f) => <StatusBadge status={f.status} /> },
  ];
}

/** The filter form: GET, so a filtered list is an address the desk can share. */
function FindingFilters({ filter, sources }: { filter: FindingFilter; sources: WatchSource[] }) {
  return (
    <form method="get" action={FINDINGS_PATH} class="nr-inline-form nr-filter" role="search" aria-label="Filter findings">
      <label for="filter-status">Status</label>
      <select id="filter-status" name="status">
        <option value="">any</option>
        {FINDING_STATUSES.map((status) => (
          <option value={status} selected={filter.status === status} key={status}>
            {STATUS_LABELS[status].label}
          </option>
        ))}
      </select>
      <label for="filter-verdict">Verdict</label>
      <select id="filter-verdict" name="verdict">
        <option value="">any</option>
        {FINDING_VERDICTS.map((verdict) => (
          <option value={verdict} selected={filter.verdict === verdict} key={verdict}>
            {VERDICT_LABELS[verdict]}
          </option>
        ))}
      </select>
      <label for="filter-source">Source</label>
      <select id="filter-source" name="sourceId">
        <option value="">any</option>
        {sources.map((source) => (
          <option value={String(source.id)} selected={filter.sourceId === source.id} key={source.id}>
            {source.name || source.url}
          </option>
        ))}
      </select>
      <label for="filter-article">Article id</label>
      <input id="filter-article" name="articleId" type="text" inputMode="numeric" size={6} value={filter.articleId !== undefined ? String(filter.articleId) : ''} />
      <button type="submit" class="nr-button nr-button--quiet nr-button--small">
        Filter
      </button>
    </form>
  );
}

/** The findings list, filtered by the address's query. */
export function FindingsPage(props: { actor: Actor; csrfToken: string | null; filter: FindingFilter; findings: FindingPage; sources: WatchSource[]; timeZone: string }) {
  const { findings, filter } = props;
  const pages = Math.max(1, Math.ceil(findings.total / findings.pageSize));
  return (
    <NewsroomLayout title="Findings" actor={props.actor} csrfToken={props.csrfToken} active="monitoring">
      <div class="nr-page-head">
        <h1>Findings</h1>
        <span class="nr-muted">{findings.total === 1 ? '1 finding' : `${findings.total} findings`}</span>
      </div>
      <MonitorNav current="findings" />
      <p class="nr-muted">
        Pages on watched sites that reuse our articles against the policy (and licensed copies, kept on record). Each keeps the passages it copied as
        they were first seen, whatever the page does later.
      </p>
      <FindingFilters filter={filter} sources={props.sources} />
      {findings.items.length === 0 ? (
        <p class="nr-muted">No findings match.</p>
      ) : (
        <DataTable items={findings.items} columns={findingColumns(props.timeZone)} rowKey={(f) => f.id} />
      )}
      <Pager label="Finding pages" page={findings.page} pages={pages} hrefOf={(page) => findingsHref(filter, page)} />
    </NewsroomLayout>
  );
}

/** One finding: its facts, the evidence side by side (their words, ours), and the status form. */
export function FindingPage(props: { actor: Actor; csrfToken: string | null; finding: Finding; articleUrl: string; timeZone: string; state: MonitorPageState }) {
  const { finding, state } = props;
  const { errors, values } = state;
  return (
    <NewsroomLayout title={`Finding ${finding.id}`} actor={props.actor} csrfToken={props.csrfToken} active="monitoring">
      <h1>Finding {finding.id}</h1>
      <MonitorNav current="findings" />
      {state.notice ? <Notice kind="ok">{state.notice}</Notice> : null}
      {state.message ? <Notice kind="error">{state.message}</Notice> : null}
      <p class={`nr-rights-verdict nr-rights-verdict--${finding.verdict}`}>
        <strong>{VERDICT_WORDS[finding.verdict]}.</strong>
      </p>
      <dl class="nr-rights-facts nr-card">
        <dt>Their page</dt>
        <dd>
          <OutsideLink href={finding.pageUrl} />
        </dd>
        <dt>Our article</dt>
        <dd>
          <a href={props.articleUrl}>{finding.article.title}</a>
        </dd>
        <dt>Share of our article reused</dt>
        <dd>{finding.shareOfOriginal}%</dd>
        <dt>Share of their text that is ours</dt>
        <dd>{finding.shareOfText}%</dd>
        <dt>Link to the original</dt>
        <dd>
          {finding.link.href ? (
            <>
              <code>{finding.link.href}</code>{' '}
            </>
          ) : null}
          {finding.link.reason}
        </dd>
        <dt>Found through</dt>
        <dd>{finding.source ? <a href={`/newsroom/monitoring/sources/${finding.source.id}`}>{finding.source.name || finding.source.url}</a> : 'a source no longer watched'}</dd>
        <dt>First seen</dt>
        <dd>
          <time datetime={finding.firstSeenAt}>{when(finding.firstSeenAt, props.timeZone)}</time>
        </dd>
        <dt>Last seen</dt>
        <dd>
          <time datetime={finding.lastSeenAt}>{when(finding.lastSeenAt, props.timeZone)}</time>
        </dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={finding.status} />
          {finding.statusChangedAt ? (
            <span class="nr-muted nr-small">
              {' '}
              set by {finding.statusChangedBy?.name ?? 'the monitor'} on <time datetime={finding.statusChangedAt}>{when(finding.statusChangedAt, props.timeZone)}</time>
            </span>
          ) : null}
        </dd>
      </dl>
      <h2>Change the status</h2>
      <form method="post" action={`${FINDINGS_PATH}/${finding.id}/status`} class="nr-card nr-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <Field name="status" label="Status" errors={errors}>
          <select id={fieldId('status')} name="status" {...invalidAttrs('status', errors)}>
            {FINDING_STATUSES.map((status) => (
              <option value={status} selected={(values.status ?? finding.status) === status} key={status}>
                {STATUS_LABELS[status].label}
              </option>
            ))}
          </select>
        </Field>
        <Field name="note" label="Note (optional)" errors={errors} hint="Whom you wrote to, what was agreed.">
          <textarea id={fieldId('note')} name="note" rows={3} {...invalidAttrs('note', errors)}>
            {values.note ?? finding.note}
          </textarea>
        </Field>
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            Save the status
          </button>
        </div>
      </form>
      <section aria-labelledby="evidence">
        <h2 id="evidence">Evidence: the reused passages as first seen</h2>
        <p class="nr-muted">
          {finding.evidence.passages.length} passages of a page of {finding.evidence.pageWords} words.
        </p>
        <table class="nr-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Their page</th>
              <th scope="col">Our article</th>
            </tr>
          </thead>
          <tbody>
            {finding.evidence.passages.map((passage, index) => (
              <tr key={index}>
                <td>{index + 1}</td>
                <td class="nr-evidence">{passage.theirs}</td>
                <td class="nr-evidence">{passage.ours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </NewsroomLayout>
  );
}
