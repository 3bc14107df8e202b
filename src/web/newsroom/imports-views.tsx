import type { Actor } from '#src/domain/people/actor.ts';
import type { ImportRun } from '#src/domain/imports/import-runs.ts';
import type { ImportReport } from '#src/domain/imports/import-report.ts';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { DataTable } from './views/data-table.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';

/** The form as typed and its errors. */
export type ImportFormState = { values: FormValues; errors: FieldErrors; message?: string };

function when(instant: string): string {
  return `${instant.slice(0, 19).replace('T', ' ')} UTC`;
}

const STATUS_BADGE: Record<ImportRun['status'], string> = { queued: 'nr-badge--review', running: 'nr-badge--scheduled', done: 'nr-badge--published', failed: 'nr-badge--trashed' };

function StatusBadge({ status }: { status: ImportRun['status'] }) {
  const { t } = useNewsroomT();
  return <span class={`nr-badge ${STATUS_BADGE[status]}`}>{t(`imports.status.${status}`)}</span>;
}

/** The upload form and the latest imports. */
export function ImportsPage(props: { actor: Actor; csrfToken: string | null; runs: ImportRun[]; state: ImportFormState }) {
  const { t } = useNewsroomT();
  const { values, errors } = props.state;
  return (
    <NewsroomLayout title={t('imports.title')} actor={props.actor} csrfToken={props.csrfToken} active="imports">
      <h1>{t('imports.title')}</h1>
      <p class="nr-muted">{t('imports.intro')}</p>
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      <form method="post" action="/newsroom/imports" enctype="multipart/form-data" class="nr-form">
        <CsrfField token={props.csrfToken} />
        <fieldset class="nr-fieldset" aria-describedby={errors.source ? `${fieldId('source')}-error` : undefined}>
          <legend>{t('imports.field.source')}</legend>
          {(['wordpress', 'ghost'] as const).map((source) => (
            <div key={source}>
              <label>
                <input type="radio" name="source" value={source} checked={(values.source ?? 'wordpress') === source} /> {t(`imports.source.${source}`)}
              </label>
            </div>
          ))}
          {errors.source ? (
            <span class="nr-error" id={`${fieldId('source')}-error`} role="alert">
              {errors.source}
            </span>
          ) : null}
        </fieldset>
        <Field name="file" label={t('imports.field.file')} errors={errors}>
          <input id={fieldId('file')} name="file" type="file" accept=".xml,.json,application/xml,text/xml,application/json" {...invalidAttrs('file', errors)} />
        </Field>
        <div class="nr-field">
          <label>
            <input type="checkbox" name="dryRun" checked={values.dryRun === 'on'} /> {t('imports.field.dryRun')}
          </label>
        </div>
        <div class="nr-field">
          <label>
            <input type="checkbox" name="fetchMedia" checked={values.fetchMedia !== ''} /> {t('imports.field.fetchMedia')}
          </label>
        </div>
        <button type="submit" class="nr-button">
          {t('imports.submit')}
        </button>
      </form>
      <h2>{t('imports.recent')}</h2>
      {props.runs.length === 0 ? (
        <p class="nr-muted">{t('imports.empty')}</p>
      ) : (
        <DataTable
          items={props.runs}
          rowKey={(run) => run.id}
          columns={[
            { header: t('imports.column.file'), cell: (run) => <a href={`/newsroom/imports/${run.id}`}>{run.fileName}</a> },
            { header: t('imports.column.source'), cell: (run) => (run.source === 'wordpress' ? 'WordPress' : 'Ghost') },
            { header: t('imports.column.status'), cell: (run) => <StatusBadge status={run.status} /> },
            { header: t('imports.column.started'), cell: (run) => when(run.createdAt) },
          ]}
        />
      )}
    </NewsroomLayout>
  );
}

const KINDS = ['articles', 'pages', 'sections', 'tags', 'authors', 'media'] as const;

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useNewsroomT();
  const rows = KINDS.map((kind) => ({ kind, ...report.counts[kind] })).filter((row) => row.created + row.updated + row.unchanged + row.skipped > 0);
  return (
    <section aria-labelledby="import-report">
      <h2 id="import-report">{t('imports.report')}</h2>
      {report.dryRun ? <Notice kind="info">{t('imports.dryRunNotice')}</Notice> : null}
      {report.error ? <Notice kind="error">{report.error}</Notice> : null}
      {report.stoppedAt ? <Notice kind="warn">{t('imports.stoppedAt', { where: report.stoppedAt })}</Notice> : null}
      <DataTable
        items={rows}
        rowKey={(row) => row.kind}
        columns={[
          { header: t('imports.column.kind'), cell: (row) => t(`imports.kind.${row.kind}`) },
          { header: t('imports.column.created'), cell: (row) => row.created, class: 'nr-num' },
          { header: t('imports.column.updated'), cell: (row) => row.updated, class: 'nr-num' },
          { header: t('imports.column.unchanged'), cell: (row) => row.unchanged, class: 'nr-num' },
          { header: t('imports.column.skipped'), cell: (row) => row.skipped, class: 'nr-num' },
        ]}
      />
      <p>{t('imports.redirects', { count: report.redirects })}</p>
      {report.lines.length > 0 ? (
        <>
          <h3>{t('imports.toLookAt')}</h3>
          <ul class="nr-import-lines">
            {report.lines.map((line, index) => (
              <li key={index}>
                <strong>{line.item}</strong>: {line.message}
              </li>
            ))}
          </ul>
          {report.linesLeftOut > 0 ? <p class="nr-muted">{t('imports.linesLeftOut', { count: report.linesLeftOut })}</p> : null}
        </>
      ) : null}
    </section>
  );
}

/** One import: its progress while it runs, its report when it has ended. */
export function ImportRunPage(props: { actor: Actor; csrfToken: string | null; run: ImportRun }) {
  const { t } = useNewsroomT();
  const { run } = props;
  const title = t('imports.runTitle', { file: run.fileName });
  const isOver = run.status === 'done' || run.status === 'failed';
  return (
    <NewsroomLayout title={title} actor={props.actor} csrfToken={props.csrfToken} active="imports">
      <p>
        <a href="/newsroom/imports">{t('imports.back')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        <StatusBadge status={run.status} /> {run.source === 'wordpress' ? 'WordPress' : 'Ghost'} · {when(run.createdAt)}
      </p>
      <div class="nr-field">
        <label for="import-progress">{t('imports.progressLabel')}</label>
        <progress id="import-progress" max={Math.max(run.total, 1)} value={isOver ? Math.max(run.total, 1) : run.done}>
          {run.done}/{run.total}
        </progress>
        <span class="nr-hint">{run.status === 'queued' ? t('imports.waiting') : t('imports.progress', { done: run.done, total: run.total })}</span>
      </div>
      {isOver && run.report ? (
        <ReportView report={run.report} />
      ) : (
        <p>
          <a href={`/newsroom/imports/${run.id}`}>{t('imports.refresh')}</a>
        </p>
      )}
    </NewsroomLayout>
  );
}
