import type { CurationOverview } from '#src/domain/curation/curation-service.ts';
import type { MainPageRevision } from '#src/domain/curation/main-page-repository.ts';
import type { PinnedArticle } from '#src/domain/curation/pin-check.ts';
import { languagePrefix } from '#src/domain/articles/public-paths.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import { sectionAndDescendants, sectionsInTreeOrder } from '#src/domain/sections/section-tree.ts';
import { DataTable } from './views/data-table.tsx';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';
import { PIN_SLOTS, fields, type BlockRow } from './main-page-form.ts';

/** Where the curation pages live. */
export const MAIN_PAGE_PATH = '/newsroom/main-page';

/** The curation page of a language. */
export function mainPagePath(language: string): string {
  return `${MAIN_PAGE_PATH}/${encodeURIComponent(language)}`;
}

/** What the page shows besides the overview: the form as typed, its errors, and messages. */
export type MainPageState = { values: FormValues; errors: FieldErrors; notice?: string; message?: string };

type Props = {
  actor: Actor;
  csrfToken: string | null;
  overview: CurationOverview;
  rows: BlockRow[];
  /** The site's languages, the default first, for the switch between their layouts. */
  languages: string[];
  timeZone: string;
  state: MainPageState;
};

/** A story picker: empty, or one of `choices`; a picked story no longer offered (stale, older) stays, marked. */
function StoryPicker({ name, label, value, choices, articles, emptyLabel, errors }: { name: string; label: string; value: string; choices: PinnedArticle[]; articles: Map<number, PinnedArticle>; emptyLabel: string; errors: FieldErrors }) {
  const { t } = useNewsroomT();
  const picked = value === '' ? undefined : Number(value);
  const extra = picked !== undefined && !choices.some((a) => a.id === picked) ? articles.get(picked) : undefined;
  const title = (a: PinnedArticle) => `${a.title || t('common.untitled')} (#${a.id})`;
  return (
    <select id={fieldId(name)} name={name} aria-label={label} {...invalidAttrs(name, errors)}>
      <option value="">{emptyLabel}</option>
      {extra ? (
        <option value={String(extra.id)} selected>
          {extra.status === 'published' ? title(extra) : t('mainPage.staleOption', { title: title(extra), status: t(`status.${extra.status}`) })}
        </option>
      ) : picked !== undefined && !articles.has(picked) ? (
        <option value={value} selected>
          #{value}
        </option>
      ) : null}
      {choices.map((a) => (
        <option value={String(a.id)} selected={a.id === picked}>
          {title(a)}
        </option>
      ))}
    </select>
  );
}

/** A field's error under a control that has no Field around it (a table cell). */
function CellError({ name, errors }: { name: string; errors: FieldErrors }) {
  return errors[name] ? (
    <span class="nr-error" id={`${fieldId(name)}-error`} role="alert">
      {errors[name]}
    </span>
  ) : null;
}

/** Who did something when, in the site's zone. */
function ByWhen({ who, when, timeZone }: { who: { name: string } | null; when: string; timeZone: string }) {
  const { t, dateTime } = useNewsroomT();
  return (
    <>
      {who?.name ?? t('revisions.system')} · <time datetime={when}>{dateTime(when, timeZone)}</time>
    </>
  );
}

/** The history of a language's layouts, newest first: preview any, publish a draft, restore an earlier live one. */
function History({ overview, csrfToken, timeZone }: { overview: CurationOverview; csrfToken: string | null; timeZone: string }) {
  const { t } = useNewsroomT();
  const base = mainPagePath(overview.language);
  const liveId = overview.live?.id;
  return (
    <DataTable
      items={overview.revisions}
      rowKey={(r) => r.id}
      columns={[
        { header: t('mainPage.history.revision'), cell: (r: MainPageRevision) => `#${r.id}` },
        { header: t('mainPage.history.saved'), cell: (r) => <ByWhen who={r.createdBy} when={r.createdAt} timeZone={timeZone} /> },
        {
          header: t('mainPage.history.published'),
          cell: (r) =>
            r.publishedAt ? (
              <>
                {r.id === liveId ? <span class="nr-badge nr-badge--published">{t('mainPage.live')}</span> : null} <ByWhen who={r.publishedBy} when={r.publishedAt} timeZone={timeZone} />
              </>
            ) : (
              <span class="nr-badge nr-badge--draft">{t('mainPage.draft')}</span>
            ),
        },
        {
          header: t('mainPage.history.note'),
          cell: (r) => (
            <>
              {r.restoredFrom !== null ? <span class="nr-muted">{t('mainPage.restoredFrom', { id: r.restoredFrom })} </span> : null}
              {r.note}
            </>
          ),
        },
        {
          header: <span class="nr-visually-hidden">{t('common.actions')}</span>,
          cell: (r) => (
            <>
              <a href={`${base}/revisions/${r.id}/preview`}>
                {t('mainPage.preview')}
                <span class="nr-visually-hidden"> #{r.id}</span>
              </a>{' '}
              {r.publishedAt === null ? (
                <form method="post" action={`${base}/revisions/${r.id}/publish`} class="nr-inline-form">
                  <CsrfField token={csrfToken} />
                  <button type="submit" class="nr-button nr-button--small">
                    {t('mainPage.publish')}
                    <span class="nr-visually-hidden"> #{r.id}</span>
                  </button>
                </form>
              ) : r.id !== liveId ? (
                <form method="post" action={`${base}/revisions/${r.id}/restore`} class="nr-inline-form">
                  <CsrfField token={csrfToken} />
                  <button type="submit" class="nr-button nr-button--small nr-button--quiet">
                    {t('mainPage.restore')}
                    <span class="nr-visually-hidden"> #{r.id}</span>
                  </button>
                </form>
              ) : null}
            </>
          ),
        },
      ]}
    />
  );
}

/**
 * The Main Page's curation page for one language: what is live, stale pins, the layout form (top
 * story, banner, blocks with their order and pins, section pages' pins) saved as a draft or
 * published at once, and the history with preview, publish and restore.
 */
export function MainPageCurationPage({ actor, csrfToken, overview, rows, languages, timeZone, state }: Props) {
  const { t, languageLabel } = useNewsroomT();
  const { values, errors } = state;
  const sectionById = new Map(overview.sections.map((s) => [s.id, s]));
  const choicesIn = (sectionId: number | null) => {
    if (sectionId === null) return overview.candidates;
    const ids = sectionAndDescendants(overview.sections, sectionId);
    return overview.candidates.filter((a) => ids.includes(a.sectionId));
  };
  const depthOf = new Map(sectionsInTreeOrder(overview.sections).map(({ section, depth }) => [section.id, depth]));
  const rowName = (row: BlockRow) => (row.sectionId === null ? t('mainPage.latestBlock') : `${'— '.repeat(depthOf.get(row.sectionId) ?? 0)}${sectionById.get(row.sectionId)?.name ?? ''}`);
  const newest = overview.newest;
  const hasDraft = newest !== null && newest.publishedAt === null;
  const base = mainPagePath(overview.language);
  return (
    <NewsroomLayout title={t('mainPage.title')} actor={actor} csrfToken={csrfToken} active="main-page">
      <h1>{t('mainPage.title')}</h1>
      <nav class="nr-filter" aria-label={t('mainPage.languages')}>
        {languages.map((code, index) => (
          <>
            {index > 0 ? ' · ' : null}
            <a href={mainPagePath(code)} aria-current={code === overview.language ? 'page' : undefined}>
              {languageLabel(code)}
            </a>
          </>
        ))}
      </nav>
      <p class="nr-muted">{t('mainPage.intro')}</p>
      {state.notice ? <Notice kind="ok">{state.notice}</Notice> : null}
      {state.message ? <Notice kind="error">{state.message}</Notice> : null}
      <p>
        {overview.live ? t('mainPage.liveIs', { id: overview.live.id }) : t('mainPage.byRecency')}{' '}
        <a href={`${languagePrefix(overview.language, languages[0]!)}/`}>{t('mainPage.openSite')}</a>
      </p>
      {hasDraft ? (
        <Notice kind="info">
          {t('mainPage.draftWaiting', { id: newest.id })} <a href={`${base}/revisions/${newest.id}/preview`}>{t('mainPage.preview')}</a>
        </Notice>
      ) : null}
      {overview.problems.length > 0 ? (
        <div class="nr-notice nr-notice--warn" role="status">
          <p>{t('mainPage.stale')}</p>
          <ul>
            {overview.problems.map((p) => (
              <li>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <form method="post" action={base} class="nr-form">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="baseRevisionId" value={newest ? String(newest.id) : ''} />
        <fieldset class="nr-fieldset">
          <legend>{t('mainPage.topStory')}</legend>
          <Field name={fields.top} label={t('mainPage.topStory')} errors={errors} hint={t('mainPage.topStoryHint')}>
            <StoryPicker name={fields.top} label={t('mainPage.topStory')} value={values[fields.top] ?? ''} choices={overview.candidates} articles={overview.articles} emptyLabel={t('mainPage.newest')} errors={errors} />
          </Field>
        </fieldset>

        <fieldset class="nr-fieldset">
          <legend>{t('mainPage.banner')}</legend>
          <Field name={fields.bannerText} label={t('mainPage.bannerText')} errors={errors} hint={t('mainPage.bannerTextHint')}>
            <input id={fieldId(fields.bannerText)} name={fields.bannerText} type="text" maxLength={200} value={values[fields.bannerText] ?? ''} {...invalidAttrs(fields.bannerText, errors)} />
          </Field>
          <Field name={fields.bannerUrl} label={t('mainPage.bannerUrl')} errors={errors} hint={t('mainPage.bannerUrlHint')}>
            <input id={fieldId(fields.bannerUrl)} name={fields.bannerUrl} type="text" value={values[fields.bannerUrl] ?? ''} {...invalidAttrs(fields.bannerUrl, errors)} />
          </Field>
          <Field name={fields.bannerEnds} label={t('mainPage.bannerEnds')} errors={errors} hint={t('mainPage.bannerEndsHint', { zone: timeZone })}>
            <input id={fieldId(fields.bannerEnds)} name={fields.bannerEnds} type="datetime-local" value={values[fields.bannerEnds] ?? ''} {...invalidAttrs(fields.bannerEnds, errors)} />
          </Field>
        </fieldset>

        <fieldset class="nr-fieldset">
          <legend>{t('mainPage.blocks')}</legend>
          <p class="nr-hint">{t('mainPage.blocksHint')}</p>
          <table class="nr-table">
            <thead>
              <tr>
                <th scope="col">{t('mainPage.column.block')}</th>
                <th scope="col">{t('mainPage.column.show')}</th>
                <th scope="col">{t('mainPage.column.position')}</th>
                <th scope="col">{t('mainPage.column.pins')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const name = rowName(row);
                return (
                  <tr key={row.key}>
                    <th scope="row">{name}</th>
                    <td>
                      <input type="checkbox" id={fieldId(fields.show(row.key))} name={fields.show(row.key)} checked={values[fields.show(row.key)] === 'on'} aria-label={t('mainPage.showLabel', { block: name })} {...invalidAttrs(fields.show(row.key), errors)} />
                      <CellError name={fields.show(row.key)} errors={errors} />
                    </td>
                    <td>
                      <input
                        type="number"
                        min="1"
                        max="999"
                        class="nr-narrow"
                        id={fieldId(fields.position(row.key))}
                        name={fields.position(row.key)}
                        value={values[fields.position(row.key)] ?? ''}
                        aria-label={t('mainPage.positionLabel', { block: name })}
                        {...invalidAttrs(fields.position(row.key), errors)}
                      />
                      <CellError name={fields.position(row.key)} errors={errors} />
                    </td>
                    <td>
                      {Array.from({ length: PIN_SLOTS }, (_, slot) => (
                        <div>
                          <StoryPicker
                            name={fields.pin(row.key, slot)}
                            label={t('mainPage.pinLabel', { block: name, n: slot + 1 })}
                            value={values[fields.pin(row.key, slot)] ?? ''}
                            choices={choicesIn(row.sectionId)}
                            articles={overview.articles}
                            emptyLabel={t('mainPage.noPin')}
                            errors={errors}
                          />
                          <CellError name={fields.pin(row.key, slot)} errors={errors} />
                        </div>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </fieldset>

        <fieldset class="nr-fieldset">
          <legend>{t('mainPage.sectionPages')}</legend>
          <p class="nr-hint">{t('mainPage.sectionPagesHint')}</p>
          <table class="nr-table">
            <thead>
              <tr>
                <th scope="col">{t('mainPage.column.section')}</th>
                <th scope="col">{t('mainPage.column.pins')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.flatMap((row) => {
                if (row.sectionId === null) return [];
                const sectionId = row.sectionId;
                const name = rowName(row);
                return [
                  <tr key={row.key}>
                    <th scope="row">{name}</th>
                    <td>
                      {Array.from({ length: PIN_SLOTS }, (_, slot) => (
                        <div>
                          <StoryPicker
                            name={fields.sectionPin(sectionId, slot)}
                            label={t('mainPage.sectionPinLabel', { section: name, n: slot + 1 })}
                            value={values[fields.sectionPin(sectionId, slot)] ?? ''}
                            choices={choicesIn(sectionId)}
                            articles={overview.articles}
                            emptyLabel={t('mainPage.noPin')}
                            errors={errors}
                          />
                          <CellError name={fields.sectionPin(sectionId, slot)} errors={errors} />
                        </div>
                      ))}
                    </td>
                  </tr>,
                ];
              })}
            </tbody>
          </table>
        </fieldset>

        <Field name={fields.note} label={t('mainPage.note')} errors={errors} hint={t('mainPage.noteHint')}>
          <input id={fieldId(fields.note)} name={fields.note} type="text" maxLength={500} value={values[fields.note] ?? ''} {...invalidAttrs(fields.note, errors)} />
        </Field>
        <div class="nr-actions">
          <button type="submit" name="intent" value="draft" class="nr-button nr-button--quiet">
            {t('mainPage.saveDraft')}
          </button>
          <button type="submit" name="intent" value="publish" class="nr-button">
            {t('mainPage.savePublish')}
          </button>
        </div>
      </form>

      <h2>{t('mainPage.historyTitle')}</h2>
      {overview.revisions.length === 0 ? <p class="nr-muted">{t('mainPage.historyEmpty')}</p> : <History overview={overview} csrfToken={csrfToken} timeZone={timeZone} />}
    </NewsroomLayout>
  );
}
