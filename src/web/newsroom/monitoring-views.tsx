import type { FindingStatus, WatchPollStatus, WatchSourceKind } from '#src/db/schema.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import type { WatchSource } from '#src/domain/monitoring/source-repository.ts';
import type { FindingVerdict } from '#src/domain/monitoring/monitoring-schema.ts';
import { DataTable, type Column } from './views/data-table.tsx';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import type { NewsroomTranslator } from '#src/i18n/newsroom-translator.ts';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';
import { when } from './licences-views.tsx';

/** Where the copy monitor's pages live. */
export const FINDINGS_PATH = '/newsroom/monitoring/findings';
export const SOURCES_PATH = '/newsroom/monitoring/sources';

/** What a page shows besides its data: a form as typed, its errors, and messages. */
export type MonitorPageState = { values: FormValues; errors: FieldErrors; notice?: string; message?: string };

/** The badge of each finding status (its name is the catalogue's findings.status.*). */
export const STATUS_BADGES: Record<FindingStatus, string> = {
  open: 'review',
  contacted: 'scheduled',
  resolved: 'published',
  licensed: 'published',
  dismissed: 'draft',
};

/** A finding status's name in the page's language. */
export function statusLabel(t: NewsroomTranslator['t'], status: FindingStatus): string {
  return t(`findings.status.${status}`);
}

/** A finding verdict's short name (lists and filters) in the page's language. */
export function verdictLabel(t: NewsroomTranslator['t'], verdict: FindingVerdict): string {
  return t(`findings.verdict.${verdict}`);
}

/** The kinds of source in the order the form offers them. */
const KINDS: readonly WatchSourceKind[] = ['feed', 'sitemap', 'page'];

/** The badge of each poll outcome (its name is the catalogue's monitoring.poll.*). */
const POLL_BADGES: Record<WatchPollStatus, string> = {
  ok: 'published',
  'not-modified': 'published',
  failed: 'trashed',
  'robots-disallowed': 'trashed',
};

/** The links between the monitor's pages; `current` is the one shown. */
export function MonitorNav({ current }: { current: 'findings' | 'sources' }) {
  const { t } = useNewsroomT();
  return (
    <nav class="nr-filter" aria-label={t('monitoring.navLabel')}>
      <a href={FINDINGS_PATH} aria-current={current === 'findings' ? 'page' : undefined}>
        {t('monitoring.nav.findings')}
      </a>
      {' · '}
      <a href={SOURCES_PATH} aria-current={current === 'sources' ? 'page' : undefined}>
        {t('monitoring.nav.sources')}
      </a>
    </nav>
  );
}

/** A page's "Previous · Page n of m · Next" links, keeping the other query parameters. */
export function Pager({ label, page, pages, hrefOf }: { label: string; page: number; pages: number; hrefOf: (page: number) => string }) {
  const { t } = useNewsroomT();
  if (pages <= 1) return null;
  return (
    <nav class="nr-pager" aria-label={label}>
      {page > 1 ? <a href={hrefOf(page - 1)}>{t('common.previousPage')}</a> : null}
      <span aria-current="page">{t('common.pageOf', { page, pages })}</span>
      {page < pages ? <a href={hrefOf(page + 1)}>{t('common.nextPage')}</a> : null}
    </nav>
  );
}

function LastPoll({ source, timeZone }: { source: WatchSource; timeZone: string }) {
  const translator = useNewsroomT();
  const { t } = translator;
  if (!source.lastPolledAt || !source.lastStatus) return <span class="nr-muted">{t('monitoring.notPolled')}</span>;
  return (
    <>
      <span class={`nr-badge nr-badge--${POLL_BADGES[source.lastStatus]}`}>{t(`monitoring.poll.${source.lastStatus}`)}</span>{' '}
      <time datetime={source.lastPolledAt}>{when(translator, source.lastPolledAt, timeZone)}</time>
      {source.lastError ? <div class="nr-error nr-small">{source.lastError}</div> : null}
    </>
  );
}

function sourceColumns(t: NewsroomTranslator['t'], timeZone: string): Column<WatchSource>[] {
  return [
    {
      header: t('monitoring.column.source'),
      cell: (s) => (
        <>
          <a href={`${SOURCES_PATH}/${s.id}`}>{s.name || s.url}</a>
          <div class="nr-muted nr-small">
            {t(`monitoring.kindShort.${s.kind}`)} · <code>{s.url}</code>
          </div>
        </>
      ),
    },
    {
      header: t('monitoring.column.every'),
      cell: (s) => (s.active ? t('monitoring.everyMinutes', { minutes: s.pollIntervalMinutes }) : <span class="nr-badge nr-badge--draft">{t('monitoring.paused')}</span>),
    },
    { header: t('monitoring.column.lastPoll'), cell: (s) => <LastPoll source={s} timeZone={timeZone} /> },
    { header: t('monitoring.column.findings'), cell: (s) => (s.findings > 0 ? <a href={`${FINDINGS_PATH}?sourceId=${s.id}`}>{s.findings}</a> : '0') },
  ];
}

/** The fields of the add and edit forms. */
function SourceFields({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  const { t } = useNewsroomT();
  return (
    <>
      <Field name="url" label={t('monitoring.field.url')} errors={errors} hint={t('monitoring.field.urlHint')}>
        <input id={fieldId('url')} name="url" type="url" inputMode="url" value={values.url ?? ''} {...invalidAttrs('url', errors)} />
      </Field>
      <Field name="kind" label={t('monitoring.field.kind')} errors={errors}>
        <select id={fieldId('kind')} name="kind" {...invalidAttrs('kind', errors)}>
          {KINDS.map((kind) => (
            <option value={kind} selected={values.kind === kind} key={kind}>
              {t(`monitoring.kind.${kind}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field name="name" label={t('monitoring.field.name')} errors={errors} hint={t('monitoring.field.nameHint')}>
        <input id={fieldId('name')} name="name" type="text" value={values.name ?? ''} {...invalidAttrs('name', errors)} />
      </Field>
      <Field name="pollIntervalMinutes" label={t('monitoring.field.interval')} errors={errors} hint={t('monitoring.field.intervalHint')}>
        <input id={fieldId('pollIntervalMinutes')} name="pollIntervalMinutes" type="number" value={values.pollIntervalMinutes ?? ''} {...invalidAttrs('pollIntervalMinutes', errors)} />
      </Field>
      <div class="nr-field nr-field--check">
        <input id={fieldId('active')} name="active" type="checkbox" checked={values.active === 'on'} />
        <label for={fieldId('active')}>{t('monitoring.field.active')}</label>
      </div>
    </>
  );
}

/** The watch list and the form to add a source. */
export function SourcesPage(props: { actor: Actor; csrfToken: string | null; sources: WatchSource[]; timeZone: string; userAgent: string; state: MonitorPageState }) {
  const { values, errors } = props.state;
  const { t, rich } = useNewsroomT();
  return (
    <NewsroomLayout title={t('monitoring.sources.title')} actor={props.actor} csrfToken={props.csrfToken} active="monitoring">
      <h1>{t('monitoring.sources.title')}</h1>
      <MonitorNav current="sources" />
      <p class="nr-muted">{rich('monitoring.sources.intro', { userAgent: <code>{props.userAgent}</code> })}</p>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      {props.sources.length === 0 ? (
        <p class="nr-muted">{t('monitoring.sources.empty')}</p>
      ) : (
        <DataTable items={props.sources} columns={sourceColumns(t, props.timeZone)} rowKey={(s) => s.id} />
      )}
      <h2>{t('monitoring.sources.add')}</h2>
      <form method="post" action={SOURCES_PATH} class="nr-card nr-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <SourceFields values={values} errors={errors} />
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            {t('monitoring.sources.addSubmit')}
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
  const translator = useNewsroomT();
  const { t } = translator;
  return (
    <NewsroomLayout title={t('monitoring.source.title', { title })} actor={props.actor} csrfToken={props.csrfToken} active="monitoring">
      <h1>{title}</h1>
      <MonitorNav current="sources" />
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      <dl class="nr-details nr-card">
        <dt>{t('monitoring.column.lastPoll')}</dt>
        <dd>
          <LastPoll source={source} timeZone={props.timeZone} />
        </dd>
        <dt>{t('monitoring.source.nextPoll')}</dt>
        <dd>{source.active ? when(translator, source.nextPollAt, props.timeZone) : t('monitoring.paused')}</dd>
        <dt>{t('monitoring.column.findings')}</dt>
        <dd>{source.findings > 0 ? <a href={`${FINDINGS_PATH}?sourceId=${source.id}`}>{source.findings}</a> : t('monitoring.source.noFindings')}</dd>
      </dl>
      {source.active ? (
        <form method="post" action={`${SOURCES_PATH}/${source.id}/poll`} class="nr-inline-form">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="nr-button nr-button--quiet">
            {t('monitoring.source.pollNow')}
          </button>
        </form>
      ) : null}
      <h2>{t('monitoring.source.change')}</h2>
      <form method="post" action={`${SOURCES_PATH}/${source.id}`} class="nr-card nr-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <SourceFields values={values} errors={errors} />
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            {t('common.save')}
          </button>
        </div>
      </form>
      <form method="post" action={`${SOURCES_PATH}/${source.id}/delete`} class="nr-inline-form">
        <CsrfField token={props.csrfToken} />
        <button type="submit" class="nr-button nr-button--danger">
          {t('monitoring.source.stop')}
        </button>
      </form>
    </NewsroomLayout>
  );
}

/** The values of a source's form, as the browser would post them. */
export function sourceFormValues(source: WatchSource): FormValues {
  return { url: source.url, kind: source.kind, name: source.name, pollIntervalMinutes: String(source.pollIntervalMinutes), active: source.active ? 'on' : '' };
}
