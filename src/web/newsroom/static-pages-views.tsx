import type { Actor } from '#src/domain/people/actor.ts';
import type { PageJson } from '#src/domain/pages/page-json.ts';
import type { PageFormData } from '#src/domain/pages/page-service.ts';
import type { PageRevisionSummary } from '#src/domain/pages/page-revisions.ts';
import type { FieldDiff } from '#src/domain/articles/article-revisions.ts';
import { PAGE_MENUS } from '#src/db/schema.ts';
import { PAGE_LIMITS } from '#src/domain/pages/page-fields.ts';
import { languageLabel } from '#src/lib/language-names.ts';
import type { PageBodyBootData } from './client/types.ts';
import { IslandData } from './island-data.tsx';
import { DataTable } from './views/data-table.tsx';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';

/** What a page form shows besides the page: the fields as typed, their errors, and messages. */
export type PageFormState = { values: FormValues; errors: FieldErrors; notice?: string; message?: string };

/** The workflow steps a page in each status offers. */
const ACTIONS_BY_STATUS: Record<PageJson['status'], ReadonlyArray<'publish' | 'unpublish' | 'trash' | 'restore'>> = {
  draft: ['publish', 'trash'],
  published: ['unpublish', 'trash'],
  trashed: ['restore'],
};

/** The form values of a stored page, as the browser would post them. */
export function pageFormValues(page: PageJson): FormValues {
  return {
    title: page.title,
    slug: page.slug,
    language: page.language,
    parentId: page.parentId === null ? '' : String(page.parentId),
    menu: page.menu,
    menuOrder: String(page.menuOrder),
    body: JSON.stringify(page.body),
    version: String(page.version),
  };
}

/** The list of pages (or of the trash), with the link to a new one. */
export function PagesListPage(props: { actor: Actor; csrfToken: string | null; pages: PageJson[]; trash: boolean; notice?: string }) {
  const { t, language } = useNewsroomT();
  return (
    <NewsroomLayout title={t('pages.title')} actor={props.actor} csrfToken={props.csrfToken} active="pages">
      <div class="nr-page-head">
        <h1>{t('pages.title')}</h1>
        <a class="nr-button" href="/newsroom/pages/new">
          {t('pages.new')}
        </a>
      </div>
      <p class="nr-muted">{t('pages.intro')}</p>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p>
        <a href={props.trash ? '/newsroom/pages' : '/newsroom/pages?status=trashed'}>{props.trash ? t('pages.showLive') : t('pages.showTrashed')}</a>
      </p>
      {props.pages.length === 0 ? (
        <p class="nr-muted">{t('pages.empty')}</p>
      ) : (
        <DataTable
          items={props.pages}
          rowKey={(page) => page.id}
          columns={[
            { header: t('pages.column.title'), cell: (page) => <a href={`/newsroom/pages/${page.id}`}>{page.title}</a> },
            { header: t('pages.column.address'), cell: (page) => <code>{page.path}</code> },
            { header: t('pages.column.language'), cell: (page) => languageLabel(page.language, language.code) },
            { header: t('pages.column.status'), cell: (page) => <span class={`nr-badge nr-badge--${page.status}`}>{t(`status.${page.status}`)}</span> },
            { header: t('pages.column.menu'), cell: (page) => (page.menu === 'none' ? t('pages.menu.none') : `${t(`pages.menu.${page.menu}`)} · ${page.menuOrder}`) },
          ]}
        />
      )}
    </NewsroomLayout>
  );
}

/** The page's fields: title, address, language, parent, menu and the body with its editor island. */
function PageFields({ data, state, boot }: { data: PageFormData; state: PageFormState; boot: PageBodyBootData }) {
  const { t, language } = useNewsroomT();
  const { values, errors } = state;
  return (
    <>
      <Field name="title" label={t('pages.field.title')} errors={errors}>
        <input id={fieldId('title')} name="title" type="text" required maxlength={PAGE_LIMITS.title} value={values.title ?? ''} {...invalidAttrs('title', errors)} />
      </Field>
      <Field name="slug" label={t('pages.field.slug')} errors={errors} hint={t('pages.field.slugHint')}>
        <input id={fieldId('slug')} name="slug" type="text" maxlength={PAGE_LIMITS.slug} value={values.slug ?? ''} {...invalidAttrs('slug', errors)} />
      </Field>
      <Field name="language" label={t('pages.field.language')} errors={errors}>
        <select id={fieldId('language')} name="language" {...invalidAttrs('language', errors)}>
          {data.languages.map((code) => (
            <option value={code} selected={(values.language ?? data.defaultLanguage) === code}>
              {languageLabel(code, language.code)}
            </option>
          ))}
        </select>
      </Field>
      <Field name="parentId" label={t('pages.field.parent')} errors={errors} hint={t('pages.field.parentHint')}>
        <select id={fieldId('parentId')} name="parentId" {...invalidAttrs('parentId', errors)}>
          <option value="" selected={!values.parentId}>
            {t('pages.field.noParent')}
          </option>
          {data.parents.map((parent) => (
            <option value={String(parent.id)} selected={values.parentId === String(parent.id)}>
              {parent.title} (/{parent.path}, {parent.language})
            </option>
          ))}
        </select>
      </Field>
      <Field name="menu" label={t('pages.field.menu')} errors={errors}>
        <select id={fieldId('menu')} name="menu" {...invalidAttrs('menu', errors)}>
          {PAGE_MENUS.map((menu) => (
            <option value={menu} selected={(values.menu ?? 'none') === menu}>
              {t(`pages.menu.${menu}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field name="menuOrder" label={t('pages.field.menuOrder')} errors={errors} hint={t('pages.field.menuOrderHint')}>
        <input
          id={fieldId('menuOrder')}
          name="menuOrder"
          type="number"
          min={-PAGE_LIMITS.menuOrder}
          max={PAGE_LIMITS.menuOrder}
          step={1}
          value={values.menuOrder ?? '0'}
          {...invalidAttrs('menuOrder', errors)}
        />
      </Field>
      <div class="nr-field">
        <span class="nr-label" id="page-body-label">
          {t('pages.field.body')}
        </span>
        {/* The island replaces this; the hidden field carries the document either way, so a save without JavaScript keeps the text. */}
        <div id="page-body-editor" class="ed-root">
          <noscript>
            <p class="nr-notice nr-notice--warn">{t('pages.bodyNeedsScript')}</p>
          </noscript>
        </div>
        <input type="hidden" id={fieldId('body')} name="body" value={values.body ?? ''} />
        {errors.body ? (
          <span class="nr-error" id={`${fieldId('body')}-error`} role="alert">
            {errors.body}
          </span>
        ) : null}
      </div>
      <IslandData id="page-body-data" data={boot} />
    </>
  );
}

/** The form of a new page, or of an existing one with its workflow buttons and links. */
export function PageEditPage(props: { actor: Actor; csrfToken: string | null; data: PageFormData; state: PageFormState; boot: PageBodyBootData; scripts: string[]; styles: string[] }) {
  const { t } = useNewsroomT();
  const page = props.data.page;
  const heading = page ? t('pages.edit') : t('pages.new');
  return (
    <NewsroomLayout title={page ? page.title : heading} actor={props.actor} csrfToken={props.csrfToken} active="pages" scripts={props.scripts} styles={props.styles}>
      <div class="nr-page-head">
        <h1>{heading}</h1>
        <a href="/newsroom/pages" class="nr-small">
          {t('pages.all')}
        </a>
      </div>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      {page ? (
        <p>
          <span class={`nr-badge nr-badge--${page.status}`}>{t(`status.${page.status}`)}</span>{' '}
          <a href={`/newsroom/pages/${page.id}/preview`}>{t('pages.preview')}</a> · <a href={`/newsroom/pages/${page.id}/revisions`}>{t('pages.history')}</a>
          {page.status === 'published' ? (
            <>
              {' · '}
              <a href={page.path}>{t('pages.viewOnSite')}</a>
            </>
          ) : null}
        </p>
      ) : null}
      <div class="nr-card">
        <form method="post" action={page ? `/newsroom/pages/${page.id}` : '/newsroom/pages'} class="nr-form" novalidate>
          <CsrfField token={props.csrfToken} />
          {page ? <input type="hidden" name="version" value={props.state.values.version ?? String(page.version)} /> : null}
          <PageFields data={props.data} state={props.state} boot={props.boot} />
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              {page ? t('pages.save') : t('pages.create')}
            </button>
          </div>
        </form>
      </div>
      {page ? (
        <div class="nr-actions">
          {ACTIONS_BY_STATUS[page.status].map((action) => (
            <form method="post" action={`/newsroom/pages/${page.id}/${action}`}>
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="version" value={String(page.version)} />
              <button type="submit" class={action === 'trash' ? 'nr-button nr-button--danger' : 'nr-button nr-button--quiet'}>
                {t(`pages.action.${action}`)}
              </button>
            </form>
          ))}
        </div>
      ) : null}
    </NewsroomLayout>
  );
}

/** One revision's changes from the one before it, as marked words. */
function Changes({ diff }: { diff: FieldDiff[] | null }) {
  const { t } = useNewsroomT();
  if (diff === null) return <span class="nr-muted">{t('pages.revisions.first')}</span>;
  if (diff.length === 0) return <span class="nr-muted">{t('pages.revisions.same')}</span>;
  return (
    <dl class="nr-diff">
      {diff.map((field) => (
        <>
          <dt>{field.field}</dt>
          <dd>
            {field.changes.map((change) => (change.added ? <ins>{change.value}</ins> : change.removed ? <del>{change.value}</del> : change.value))}
          </dd>
        </>
      ))}
    </dl>
  );
}

/** A page's revisions, newest first, each with its changes and a button to make it current again. */
export function PageRevisionsPage(props: { actor: Actor; csrfToken: string | null; page: PageJson; revisions: Array<PageRevisionSummary & { diff: FieldDiff[] | null }> }) {
  const { t } = useNewsroomT();
  const title = t('pages.revisions.title', { title: props.page.title });
  return (
    <NewsroomLayout title={title} actor={props.actor} csrfToken={props.csrfToken} active="pages">
      <div class="nr-page-head">
        <h1>{title}</h1>
        <a href={`/newsroom/pages/${props.page.id}`} class="nr-small">
          {t('pages.revisions.back')}
        </a>
      </div>
      <p class="nr-muted">{t('pages.revisions.caption')}</p>
      <DataTable
        items={props.revisions}
        rowKey={(revision) => revision.id}
        columns={[
          { header: t('pages.revisions.column.version'), cell: (revision) => revision.version, class: 'nr-num' },
          { header: t('pages.revisions.column.kind'), cell: (revision) => t(`pages.revisions.kind.${revision.kind}`) },
          { header: t('pages.revisions.column.when'), cell: (revision) => <time datetime={revision.createdAt}>{`${revision.createdAt.slice(0, 16).replace('T', ' ')} UTC`}</time> },
          { header: t('pages.revisions.column.by'), cell: (revision) => revision.createdBy?.name ?? '—' },
          { header: t('pages.revisions.column.changes'), cell: (revision) => <Changes diff={revision.diff} /> },
          {
            header: t('common.actions'),
            cell: (revision) =>
              revision.version === props.page.version ? null : (
                <form method="post" action={`/newsroom/pages/${props.page.id}/revisions/${revision.id}/restore`}>
                  <CsrfField token={props.csrfToken} />
                  <input type="hidden" name="version" value={String(props.page.version)} />
                  <button type="submit" class="nr-button nr-button--quiet">
                    {t('pages.revisions.restore')}
                  </button>
                </form>
              ),
          },
        ]}
      />
    </NewsroomLayout>
  );
}
