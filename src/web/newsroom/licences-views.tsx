import type { LicenceRequestStatus } from '#src/db/schema.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import { licenceStatus, type LicenceStatus } from '#src/domain/licences/licence-coverage.ts';
import type { Licence } from '#src/domain/licences/licence-repository.ts';
import type { LicenceRequest } from '#src/domain/licences/licence-request-repository.ts';
import type { Partner } from '#src/domain/licences/partner-repository.ts';
import type { NewsroomTranslator } from '#src/i18n/newsroom-translator.ts';
import { DataTable, type Column } from './views/data-table.tsx';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';

/** Where the rights desk's pages live. */
export const LICENCES_PATH = '/newsroom/licences';
export const REQUESTS_PATH = '/newsroom/licences/requests';
export const PARTNERS_PATH = '/newsroom/partners';

/** What a page shows besides its data: a form as typed, its errors, and messages. */
export type DeskPageState = { values: FormValues; errors: FieldErrors; notice?: string; message?: string };

/** The badge of each request status (its name is the catalogue's licences.requestStatus.*). */
const REQUEST_STATUS_BADGES: Record<LicenceRequestStatus, string> = { pending: 'review', approved: 'published', denied: 'trashed' };

/** The badge of each licence status (its name is the catalogue's licences.status.*). */
const LICENCE_STATUS_BADGES: Record<LicenceStatus, string> = { live: 'published', expired: 'draft', revoked: 'trashed', 'not-started': 'scheduled' };

/** An instant in the site's zone as the newsroom's language writes dates, or a dash. */
export function when(translator: NewsroomTranslator, iso: string | null, timeZone: string): string {
  return iso ? translator.dateTime(iso, timeZone) : '—';
}

/** What a licence covers, in words. */
export function coverage(t: NewsroomTranslator['t'], licence: Pick<Licence, 'scope' | 'article' | 'section'>): string {
  if (licence.scope === 'all') return t('licences.covers.all');
  if (licence.scope === 'section') return t('licences.covers.section', { name: licence.section?.name ?? '?' });
  return t('licences.covers.article', { title: licence.article?.title ?? '?' });
}

/** The links between the rights desk's pages; `current` is the one shown. */
export function DeskNav({ current }: { current: 'requests' | 'licences' | 'partners' }) {
  const { t } = useNewsroomT();
  const items = [
    { key: 'requests', href: REQUESTS_PATH, label: t('licences.nav.requests') },
    { key: 'licences', href: LICENCES_PATH, label: t('licences.nav.licences') },
    { key: 'partners', href: PARTNERS_PATH, label: t('licences.nav.partners') },
  ] as const;
  return (
    <nav class="nr-filter" aria-label={t('licences.navLabel')}>
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

function requestColumns(translator: NewsroomTranslator, timeZone: string): Column<LicenceRequest>[] {
  const { t } = translator;
  return [
    { header: t('licences.column.received'), cell: (r) => <time datetime={r.createdAt}>{when(translator, r.createdAt, timeZone)}</time> },
    {
      header: t('licences.column.article'),
      cell: (r) => (
        <>
          <a href={`${REQUESTS_PATH}/${r.id}`}>{r.article.title}</a> <span class="nr-muted nr-small">({r.article.language})</span>
        </>
      ),
    },
    {
      header: t('licences.column.sender'),
      cell: (r) => (
        <>
          {r.organisation}
          <div class="nr-muted nr-small">
            {r.domain} · {r.contactName} &lt;{r.contactEmail}&gt;
          </div>
        </>
      ),
    },
    { header: t('licences.column.via'), cell: (r) => (r.source === 'form' ? t('licences.via.form') : t('licences.via.api')) },
    {
      header: t('licences.column.status'),
      cell: (r) => <span class={`nr-badge nr-badge--${REQUEST_STATUS_BADGES[r.status]}`}>{t(`licences.requestStatus.${r.status}`)}</span>,
    },
  ];
}

/** The queue of licence requests: pending ones oldest first, decided ones newest first. */
export function RequestsQueuePage(props: QueueProps) {
  const { requests, status } = props;
  const pages = Math.max(1, Math.ceil(requests.total / requests.pageSize));
  const base = `${REQUESTS_PATH}?status=${status}`;
  const translator = useNewsroomT();
  const { t } = translator;
  return (
    <NewsroomLayout title={t('licences.requests.title')} actor={props.actor} csrfToken={props.csrfToken} active="licences">
      <h1>{t('licences.requests.title')}</h1>
      <DeskNav current="requests" />
      <p class="nr-muted">{t('licences.requests.intro')}</p>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <nav class="nr-filter" aria-label={t('licences.requests.byStatus')}>
        {(['pending', 'approved', 'denied'] as const).map((s, index) => (
          <>
            {index > 0 ? ' · ' : null}
            <a href={`${REQUESTS_PATH}?status=${s}`} aria-current={s === status ? 'page' : undefined}>
              {t(`licences.requests.filter.${s}`)}
            </a>
          </>
        ))}
      </nav>
      {requests.items.length === 0 ? (
        <p class="nr-muted">{t(`licences.requests.empty.${status}`)}</p>
      ) : (
        <DataTable items={requests.items} columns={requestColumns(translator, props.timeZone)} rowKey={(r) => r.id} />
      )}
      {pages > 1 ? (
        <nav class="nr-pager" aria-label={t('licences.requests.pagesLabel')}>
          {requests.page > 1 ? <a href={`${base}&page=${requests.page - 1}`}>{t('common.previousPage')}</a> : null}
          <span aria-current="page">{t('common.pageOf', { page: requests.page, pages })}</span>
          {requests.page < pages ? <a href={`${base}&page=${requests.page + 1}`}>{t('common.nextPage')}</a> : null}
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
  const { t } = useNewsroomT();
  const options = [
    { value: 'article', label: t('licences.scope.article', { title: request.article.title }) },
    { value: 'section', label: t('licences.scope.section', { section: request.article.sectionName }) },
    { value: 'all', label: t('licences.covers.all') },
  ];
  return (
    <form method="post" action={`${REQUESTS_PATH}/${request.id}/approve`} class="nr-form" novalidate>
      <CsrfField token={csrfToken} />
      <fieldset class="nr-fieldset" aria-describedby={errors.scope ? `${fieldId('scope')}-error` : undefined}>
        <legend>{t('licences.scope.legend')}</legend>
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
      <Field name="expiresOn" label={t('licences.field.expiresOn')} errors={errors} hint={t('licences.field.expiresOnHint')}>
        <input id={fieldId('expiresOn')} name="expiresOn" type="date" value={values.expiresOn ?? ''} {...invalidAttrs('expiresOn', errors)} />
      </Field>
      <Field name="approveNote" label={t('licences.field.approveNote')} errors={errors} hint={t('licences.field.approveNoteHint')}>
        <textarea id={fieldId('approveNote')} name="note" {...invalidAttrs('approveNote', errors)}>
          {values.approveNote ?? ''}
        </textarea>
      </Field>
      <div class="nr-actions">
        <button type="submit" class="nr-button">
          {t('licences.approveSubmit')}
        </button>
      </div>
    </form>
  );
}

/** The deny form: the reason is required. */
function DenyForm({ request, csrfToken, state }: { request: LicenceRequest; csrfToken: string | null; state: DeskPageState }) {
  const { values, errors } = state;
  const { t } = useNewsroomT();
  return (
    <form method="post" action={`${REQUESTS_PATH}/${request.id}/deny`} class="nr-form" novalidate>
      <CsrfField token={csrfToken} />
      <Field name="denyNote" label={t('licences.field.denyNote')} errors={errors} hint={t('licences.field.denyNoteHint')}>
        <textarea id={fieldId('denyNote')} name="note" {...invalidAttrs('denyNote', errors)}>
          {values.denyNote ?? ''}
        </textarea>
      </Field>
      <div class="nr-actions">
        <button type="submit" class="nr-button nr-button--danger">
          {t('licences.denySubmit')}
        </button>
      </div>
    </form>
  );
}

/** One request: who asks for what, and (while pending) the approve and deny forms. */
export function RequestPage(props: RequestPageProps) {
  const { request, partner, timeZone } = props;
  const translator = useNewsroomT();
  const { t, rich } = translator;
  return (
    <NewsroomLayout title={t('licences.request.title')} actor={props.actor} csrfToken={props.csrfToken} active="licences">
      <p>
        <a href={REQUESTS_PATH}>{t('licences.request.all')}</a>
      </p>
      <h1>{t('licences.request.title')}</h1>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      <div class="nr-card">
        <dl class="nr-details">
          <dt>{t('licences.request.article')}</dt>
          <dd>
            {rich('licences.request.articleLine', {
              article: <a href={`/newsroom/articles/${request.article.id}`}>{request.article.title}</a>,
              language: request.article.language,
              section: request.article.sectionName,
            })}
          </dd>
          <dt>{t('licences.request.organisation')}</dt>
          <dd>{request.organisation}</dd>
          <dt>{t('licences.request.website')}</dt>
          <dd>{request.domain}</dd>
          <dt>{t('licences.request.contact')}</dt>
          <dd>
            {rich('licences.request.contactLine', {
              name: request.contactName,
              email: <a href={`mailto:${request.contactEmail}`}>{request.contactEmail}</a>,
              language: request.language,
            })}
          </dd>
          <dt>{t('licences.request.message')}</dt>
          <dd class="nr-pre">{request.message || '—'}</dd>
          <dt>{t('licences.request.received')}</dt>
          <dd>{t('licences.request.receivedLine', { when: when(translator, request.createdAt, timeZone), via: request.source === 'form' ? 'form' : 'api' })}</dd>
          <dt>{t('licences.request.status')}</dt>
          <dd>
            <span class={`nr-badge nr-badge--${REQUEST_STATUS_BADGES[request.status]}`}>{t(`licences.requestStatus.${request.status}`)}</span>
            {request.decidedAt
              ? ` ${
                  request.decidedBy
                    ? t('licences.request.decidedOnBy', { when: when(translator, request.decidedAt, timeZone), name: request.decidedBy.name })
                    : t('licences.request.decidedOn', { when: when(translator, request.decidedAt, timeZone) })
                }`
              : null}
            {request.licenceId ? (
              <>
                {' '}
                — <a href={`${LICENCES_PATH}#licence-${request.licenceId}`}>{t('licences.request.licenceLink', { id: String(request.licenceId) })}</a>
              </>
            ) : null}
          </dd>
          {request.decisionNote ? (
            <>
              <dt>{t('licences.request.note')}</dt>
              <dd class="nr-pre">{request.decisionNote}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {request.status === 'pending' ? (
        <>
          <div class="nr-card">
            <h2>{t('licences.request.approve')}</h2>
            {partner ? (
              <p>
                {rich('licences.request.goesTo', {
                  partner: <a href={`${PARTNERS_PATH}/${partner.id}`}>{partner.organisation}</a>,
                  domains: partner.domains.join(', '),
                })}
              </p>
            ) : (
              <p>{t('licences.request.newPartner', { domain: request.domain, organisation: request.organisation })}</p>
            )}
            <ApproveForm request={request} csrfToken={props.csrfToken} state={props.state} />
          </div>
          <div class="nr-card">
            <h2>{t('licences.request.deny')}</h2>
            <DenyForm request={request} csrfToken={props.csrfToken} state={props.state} />
          </div>
        </>
      ) : null}
    </NewsroomLayout>
  );
}

type LicencesProps = { actor: Actor; csrfToken: string | null; licences: Licence[]; timeZone: string; now: string; notice?: string };

function licenceColumns(props: LicencesProps, translator: NewsroomTranslator): Column<Licence>[] {
  const { timeZone, now, csrfToken } = props;
  const { t } = translator;
  return [
    { header: t('licences.column.number'), cell: (l) => <span id={`licence-${l.id}`}>{l.id}</span>, class: 'nr-num' },
    { header: t('licences.column.partner'), cell: (l) => <a href={`${PARTNERS_PATH}/${l.partner.id}`}>{l.partner.organisation}</a> },
    {
      header: t('licences.column.covers'),
      cell: (l) => (
        <>
          {coverage(t, l)}
          {l.note ? <div class="nr-muted nr-small">{l.note}</div> : null}
        </>
      ),
    },
    { header: t('licences.column.from'), cell: (l) => when(translator, l.startsAt, timeZone) },
    { header: t('licences.column.until'), cell: (l) => when(translator, l.expiresAt, timeZone) },
    {
      header: t('licences.column.status'),
      cell: (l) => {
        const status = licenceStatus(l, now);
        return <span class={`nr-badge nr-badge--${LICENCE_STATUS_BADGES[status]}`}>{t(`licences.status.${status}`)}</span>;
      },
    },
    {
      header: <span class="nr-visually-hidden">{t('common.actions')}</span>,
      cell: (l) =>
        licenceStatus(l, now) === 'live' ? (
          <form method="post" action={`${LICENCES_PATH}/${l.id}/revoke`} class="nr-inline-form">
            <CsrfField token={csrfToken} />
            <button type="submit" class="nr-button nr-button--small nr-button--danger">
              {t('licences.revoke')}
              <span class="nr-visually-hidden"> {t('licences.revokeWhich', { id: String(l.id) })}</span>
            </button>
          </form>
        ) : null,
    },
  ];
}

/** Every licence, newest first, with revoke for those in force. */
export function LicencesPage(props: LicencesProps) {
  const translator = useNewsroomT();
  const { t } = translator;
  return (
    <NewsroomLayout title={t('licences.title')} actor={props.actor} csrfToken={props.csrfToken} active="licences">
      <h1>{t('licences.title')}</h1>
      <DeskNav current="licences" />
      <p class="nr-muted">{t('licences.intro')}</p>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {props.licences.length === 0 ? (
        <p class="nr-muted">{t('licences.empty')}</p>
      ) : (
        <DataTable items={props.licences} columns={licenceColumns(props, translator)} rowKey={(l) => l.id} />
      )}
    </NewsroomLayout>
  );
}
