import { FINDING_STATUSES, type FindingStatus } from '#src/db/schema.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import type { Finding, FindingFilter, FindingSummary } from '#src/domain/monitoring/finding-repository.ts';
import type { FindingPage } from '#src/domain/monitoring/finding-service.ts';
import { FINDING_VERDICTS } from '#src/domain/monitoring/monitoring-schema.ts';
import type { WatchSource } from '#src/domain/monitoring/source-repository.ts';
import type { NewsroomTranslator } from '#src/i18n/newsroom-translator.ts';
import { isSafeHref } from '#src/lib/safe-href.ts';
import { when } from './licences-views.tsx';
import { FINDINGS_PATH, MonitorNav, Pager, STATUS_BADGES, statusLabel, verdictLabel, type MonitorPageState } from './monitoring-views.tsx';
import { verdictWords } from './rights-views.tsx';
import { DataTable, type Column } from './views/data-table.tsx';
import { CsrfField, Field, Notice, fieldId, invalidAttrs } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';

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
  const { t } = useNewsroomT();
  return <span class={`nr-badge nr-badge--${STATUS_BADGES[status]}`}>{statusLabel(t, status)}</span>;
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

function findingColumns(translator: NewsroomTranslator, timeZone: string): Column<FindingSummary>[] {
  const { t } = translator;
  return [
    { header: t('findings.column.firstSeen'), cell: (f) => <time datetime={f.firstSeenAt}>{when(translator, f.firstSeenAt, timeZone)}</time> },
    {
      header: t('findings.column.page'),
      cell: (f) => (
        <>
          <a href={`${FINDINGS_PATH}/${f.id}`}>{f.pageUrl}</a>
          <div class="nr-muted nr-small">{t('findings.copies', { title: f.article.title })}</div>
        </>
      ),
    },
    { header: t('findings.column.verdict'), cell: (f) => verdictLabel(t, f.verdict) },
    { header: t('findings.column.share'), cell: (f) => t('rights.percent', { share: f.shareOfOriginal }) },
    { header: t('findings.column.status'), cell: (f) => <StatusBadge status={f.status} /> },
  ];
}

/** The filter form: GET, so a filtered list is an address the desk can share. */
function FindingFilters({ filter, sources }: { filter: FindingFilter; sources: WatchSource[] }) {
  const { t } = useNewsroomT();
  return (
    <form method="get" action={FINDINGS_PATH} class="nr-inline-form nr-filter" role="search" aria-label={t('findings.filterLabel')}>
      <label for="filter-status">{t('findings.column.status')}</label>
      <select id="filter-status" name="status">
        <option value="">{t('findings.filter.any')}</option>
        {FINDING_STATUSES.map((status) => (
          <option value={status} selected={filter.status === status} key={status}>
            {statusLabel(t, status)}
          </option>
        ))}
      </select>
      <label for="filter-verdict">{t('findings.column.verdict')}</label>
      <select id="filter-verdict" name="verdict">
        <option value="">{t('findings.filter.any')}</option>
        {FINDING_VERDICTS.map((verdict) => (
          <option value={verdict} selected={filter.verdict === verdict} key={verdict}>
            {verdictLabel(t, verdict)}
          </option>
        ))}
      </select>
      <label for="filter-source">{t('findings.filter.source')}</label>
      <select id="filter-source" name="sourceId">
        <option value="">{t('findings.filter.any')}</option>
        {sources.map((source) => (
          <option value={String(source.id)} selected={filter.sourceId === source.id} key={source.id}>
            {source.name || source.url}
          </option>
        ))}
      </select>
      <label for="filter-article">{t('findings.filter.article')}</label>
      <input id="filter-article" name="articleId" type="text" inputMode="numeric" size={6} value={filter.articleId !== undefined ? String(filter.articleId) : ''} />
      <button type="submit" class="nr-button nr-button--quiet nr-button--small">
        {t('common.filter')}
      </button>
    </form>
  );
}

/** The findings list, filtered by the address's query. */
export function FindingsPage(props: { actor: Actor; csrfToken: string | null; filter: FindingFilter; findings: FindingPage; sources: WatchSource[]; timeZone: string }) {
  const { findings, filter } = props;
  const pages = Math.max(1, Math.ceil(findings.total / findings.pageSize));
  const translator = useNewsroomT();
  const { t } = translator;
  return (
    <NewsroomLayout title={t('findings.title')} actor={props.actor} csrfToken={props.csrfToken} active="monitoring">
      <div class="nr-page-head">
        <h1>{t('findings.title')}</h1>
        <span class="nr-muted">{t('findings.count', { total: findings.total })}</span>
      </div>
      <MonitorNav current="findings" />
      <p class="nr-muted">{t('findings.intro')}</p>
      <FindingFilters filter={filter} sources={props.sources} />
      {findings.items.length === 0 ? (
        <p class="nr-muted">{t('findings.empty')}</p>
      ) : (
        <DataTable items={findings.items} columns={findingColumns(translator, props.timeZone)} rowKey={(f) => f.id} />
      )}
      <Pager label={t('findings.pagesLabel')} page={findings.page} pages={pages} hrefOf={(page) => findingsHref(filter, page)} />
    </NewsroomLayout>
  );
}

/** One finding: its facts, the evidence side by side (their words, ours), and the status form. */
export function FindingPage(props: { actor: Actor; csrfToken: string | null; finding: Finding; articleUrl: string; timeZone: string; state: MonitorPageState }) {
  const { finding, state } = props;
  const { errors, values } = state;
  const translator = useNewsroomT();
  const { t, rich } = translator;
  const title = t('findings.one.title', { id: String(finding.id) });
  return (
    <NewsroomLayout title={title} actor={props.actor} csrfToken={props.csrfToken} active="monitoring">
      <h1>{title}</h1>
      <MonitorNav current="findings" />
      {state.notice ? <Notice kind="ok">{state.notice}</Notice> : null}
      {state.message ? <Notice kind="error">{state.message}</Notice> : null}
      <p class={`nr-rights-verdict nr-rights-verdict--${finding.verdict}`}>
        <strong>{verdictWords(t, finding.verdict)}.</strong>
      </p>
      <dl class="nr-rights-facts nr-card">
        <dt>{t('rights.theirPage')}</dt>
        <dd>
          <OutsideLink href={finding.pageUrl} />
        </dd>
        <dt>{t('rights.ourArticle')}</dt>
        <dd>
          <a href={props.articleUrl}>{finding.article.title}</a>
        </dd>
        <dt>{t('rights.fact.shareOfOriginal')}</dt>
        <dd>{t('rights.percent', { share: finding.shareOfOriginal })}</dd>
        <dt>{t('rights.fact.shareOfText')}</dt>
        <dd>{t('rights.percent', { share: finding.shareOfText })}</dd>
        <dt>{t('rights.fact.link')}</dt>
        <dd>
          {finding.link.href ? (
            <>
              <code>{finding.link.href}</code>{' '}
            </>
          ) : null}
          {finding.link.reason}
        </dd>
        <dt>{t('findings.fact.source')}</dt>
        <dd>{finding.source ? <a href={`/newsroom/monitoring/sources/${finding.source.id}`}>{finding.source.name || finding.source.url}</a> : t('findings.sourceGone')}</dd>
        <dt>{t('findings.column.firstSeen')}</dt>
        <dd>
          <time datetime={finding.firstSeenAt}>{when(translator, finding.firstSeenAt, props.timeZone)}</time>
        </dd>
        <dt>{t('findings.fact.lastSeen')}</dt>
        <dd>
          <time datetime={finding.lastSeenAt}>{when(translator, finding.lastSeenAt, props.timeZone)}</time>
        </dd>
        <dt>{t('findings.column.status')}</dt>
        <dd>
          <StatusBadge status={finding.status} />
          {finding.statusChangedAt ? (
            <span class="nr-muted nr-small">
              {' '}
              {rich('findings.statusSetBy', {
                who: finding.statusChangedBy?.name ?? t('findings.theMonitor'),
                when: <time datetime={finding.statusChangedAt}>{when(translator, finding.statusChangedAt, props.timeZone)}</time>,
              })}
            </span>
          ) : null}
        </dd>
      </dl>
      <h2>{t('findings.changeStatus')}</h2>
      <form method="post" action={`${FINDINGS_PATH}/${finding.id}/status`} class="nr-card nr-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <Field name="status" label={t('findings.column.status')} errors={errors}>
          <select id={fieldId('status')} name="status" {...invalidAttrs('status', errors)}>
            {FINDING_STATUSES.map((status) => (
              <option value={status} selected={(values.status ?? finding.status) === status} key={status}>
                {statusLabel(t, status)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="note" label={t('findings.field.note')} errors={errors} hint={t('findings.field.noteHint')}>
          <textarea id={fieldId('note')} name="note" rows={3} {...invalidAttrs('note', errors)}>
            {values.note ?? finding.note}
          </textarea>
        </Field>
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            {t('findings.saveStatus')}
          </button>
        </div>
      </form>
      <section aria-labelledby="evidence">
        <h2 id="evidence">{t('findings.evidence')}</h2>
        <p class="nr-muted">{t('findings.evidenceSummary', { passages: finding.evidence.passages.length, words: finding.evidence.pageWords })}</p>
        <table class="nr-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('rights.theirPage')}</th>
              <th scope="col">{t('rights.ourArticle')}</th>
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
