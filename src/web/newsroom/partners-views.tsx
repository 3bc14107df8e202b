import type { ApiKey } from '#src/domain/api-keys/api-key-repository.ts';
import { licenceStatus } from '#src/domain/licences/licence-coverage.ts';
import type { Licence } from '#src/domain/licences/licence-repository.ts';
import type { Partner } from '#src/domain/licences/partner-repository.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import { DataTable } from './views/data-table.tsx';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';
import { DeskNav, LICENCES_PATH, PARTNERS_PATH, coverage, when, type DeskPageState } from './licences-views.tsx';

/** The path of the syndication feed (RSS; atom.xml and feed.json beside it), read with the partner's API key. */
export const SYNDICATION_FEED_PATH = '/api/partner/syndication/feed.xml';

/** The values of a partner's form, as the browser would post them. */
export function partnerFormValues(partner: Partner): FormValues {
  return {
    organisation: partner.organisation,
    contactName: partner.contactName,
    contactEmail: partner.contactEmail,
    domains: partner.domains.join('\n'),
    apiKeyId: partner.apiKey ? String(partner.apiKey.id) : '',
  };
}

/** The API key field: a choice among working keys for those who may link keys (`keys` null: may not), a line saying which key for everyone else. */
function ApiKeyField({ keys, current, values, errors }: { keys: ApiKey[] | null; current: Partner['apiKey']; values: FormValues; errors: FieldErrors }) {
  const { t, rich } = useNewsroomT();
  if (keys === null) {
    return (
      <p class="nr-small">
        {rich('partners.feedKeyLine', { key: current ? <code class="nr-code">{`${current.name} (qk_${current.prefix}_…)`}</code> : t('partners.noKey') })}
      </p>
    );
  }
  const options = keys.map((key) => ({ id: key.id, label: `${key.name} (qk_${key.prefix}_…, ${t(`role.${key.role}`)})` }));
  // A linked key revoked since still shows, so saving the form does not silently unlink it.
  if (current && !keys.some((key) => key.id === current.id)) options.unshift({ id: current.id, label: `${current.name} (qk_${current.prefix}_…, ${t('partners.keyRevoked')})` });
  return (
    <Field name="apiKeyId" label={t('partners.field.apiKey')} errors={errors} hint={t('partners.field.apiKeyHint')}>
      <select id={fieldId('apiKeyId')} name="apiKeyId" {...invalidAttrs('apiKeyId', errors)}>
        <option value="" selected={(values.apiKeyId ?? '') === ''}>
          {t('common.none')}
        </option>
        {options.map((option) => (
          <option value={String(option.id)} selected={values.apiKeyId === String(option.id)} key={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The fields of a partner, shared by the add and edit forms. */
function PartnerFields(props: { keys: ApiKey[] | null; current: Partner['apiKey']; values: FormValues; errors: FieldErrors }) {
  const { values, errors } = props;
  const { t } = useNewsroomT();
  return (
    <>
      <Field name="organisation" label={t('partners.field.organisation')} errors={errors}>
        <input id={fieldId('organisation')} name="organisation" type="text" value={values.organisation ?? ''} {...invalidAttrs('organisation', errors)} />
      </Field>
      <div class="nr-form-row">
        <Field name="contactName" label={t('partners.field.contactName')} errors={errors}>
          <input id={fieldId('contactName')} name="contactName" type="text" value={values.contactName ?? ''} {...invalidAttrs('contactName', errors)} />
        </Field>
        <Field name="contactEmail" label={t('partners.field.contactEmail')} errors={errors}>
          <input id={fieldId('contactEmail')} name="contactEmail" type="email" value={values.contactEmail ?? ''} {...invalidAttrs('contactEmail', errors)} />
        </Field>
      </div>
      <Field name="domains" label={t('partners.field.domains')} errors={errors} hint={t('partners.field.domainsHint')}>
        <textarea id={fieldId('domains')} name="domains" {...invalidAttrs('domains', errors)}>
          {values.domains ?? ''}
        </textarea>
      </Field>
      <ApiKeyField keys={props.keys} current={props.current} values={values} errors={errors} />
    </>
  );
}

type ListProps = { actor: Actor; csrfToken: string | null; partners: Partner[]; /** Keys a partner may be linked to; null: the actor may not link keys. */ keys: ApiKey[] | null; state: DeskPageState };

/** Every partner, and the form to add one. */
export function PartnersListPage(props: ListProps) {
  const { values, errors } = props.state;
  const { t } = useNewsroomT();
  return (
    <NewsroomLayout title={t('partners.title')} actor={props.actor} csrfToken={props.csrfToken} active="partners">
      <h1>{t('partners.title')}</h1>
      <DeskNav current="partners" />
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      {props.partners.length === 0 ? (
        <p class="nr-muted">{t('partners.empty')}</p>
      ) : (
        <DataTable
          items={props.partners}
          rowKey={(p) => p.id}
          columns={[
            { header: t('partners.column.organisation'), cell: (p) => <a href={`${PARTNERS_PATH}/${p.id}`}>{p.organisation}</a> },
            { header: t('partners.column.domains'), cell: (p) => p.domains.join(', ') },
            { header: t('partners.column.contact'), cell: (p) => `${p.contactName} <${p.contactEmail}>` },
            { header: t('partners.column.feedKey'), cell: (p) => (p.apiKey ? <code class="nr-code">{`qk_${p.apiKey.prefix}_…`}</code> : '—') },
          ]}
        />
      )}
      <div class="nr-card">
        <h2>{t('partners.add')}</h2>
        <form method="post" action={PARTNERS_PATH} class="nr-form" novalidate>
          <CsrfField token={props.csrfToken} />
          <PartnerFields keys={props.keys} current={null} values={values} errors={errors} />
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              {t('partners.addSubmit')}
            </button>
          </div>
        </form>
      </div>
    </NewsroomLayout>
  );
}

type EditProps = { actor: Actor; csrfToken: string | null; partner: Partner; licences: Licence[]; keys: ApiKey[] | null; feedUrl: string; timeZone: string; now: string; state: DeskPageState };

/** One partner: its details, how it reads its feed, and its licences. */
export function PartnerPage(props: EditProps) {
  const { partner, values, errors } = { partner: props.partner, ...props.state };
  const translator = useNewsroomT();
  const { t, rich } = translator;
  return (
    <NewsroomLayout title={partner.organisation} actor={props.actor} csrfToken={props.csrfToken} active="partners">
      <p>
        <a href={PARTNERS_PATH}>{t('partners.all')}</a>
      </p>
      <h1>{partner.organisation}</h1>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      <div class="nr-card">
        <h2>{t('partners.feed')}</h2>
        <p>
          {rich('partners.feedIntro', {
            url: <code class="nr-code">{props.feedUrl}</code>,
            atom: <code class="nr-code">atom.xml</code>,
            json: <code class="nr-code">feed.json</code>,
            language: <code class="nr-code">?language=ru</code>,
            authorization: <code class="nr-code">Authorization: Bearer</code>,
          })}
        </p>
        {partner.apiKey ? null : <Notice kind="warn">{t('partners.noFeedKey')}</Notice>}
      </div>
      <div class="nr-card">
        <h2>{t('partners.details')}</h2>
        <form method="post" action={`${PARTNERS_PATH}/${partner.id}`} class="nr-form" novalidate>
          <CsrfField token={props.csrfToken} />
          <PartnerFields keys={props.keys} current={partner.apiKey} values={values} errors={errors} />
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              {t('common.saveChanges')}
            </button>
          </div>
        </form>
      </div>
      <h2>{t('partners.licences')}</h2>
      {props.licences.length === 0 ? (
        <p class="nr-muted">{t('partners.licencesEmpty')}</p>
      ) : (
        <DataTable
          items={props.licences}
          rowKey={(l) => l.id}
          columns={[
            { header: t('licences.column.number'), cell: (l) => <a href={`${LICENCES_PATH}#licence-${l.id}`}>{l.id}</a>, class: 'nr-num' },
            { header: t('licences.column.covers'), cell: (l) => coverage(t, l) },
            { header: t('licences.column.until'), cell: (l) => when(translator, l.expiresAt, props.timeZone) },
            { header: t('licences.column.status'), cell: (l) => t(`partners.licenceStatus.${licenceStatus(l, props.now)}`) },
          ]}
        />
      )}
    </NewsroomLayout>
  );
}
