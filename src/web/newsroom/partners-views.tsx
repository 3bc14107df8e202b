import type { ApiKey } from '#src/domain/api-keys/api-key-repository.ts';
import { licenceStatus } from '#src/domain/licences/licence-coverage.ts';
import type { Licence } from '#src/domain/licences/licence-repository.ts';
import type { Partner } from '#src/domain/licences/partner-repository.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import { DataTable } from './views/data-table.tsx';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
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
  if (keys === null) {
    return (
      <p class="nr-small">
        Feed key: {current ? <code class="nr-code">{`${current.name} (qk_${current.prefix}_…)`}</code> : 'none'} — admins link a partner to an API key.
      </p>
    );
  }
  const options = keys.map((key) => ({ id: key.id, label: `${key.name} (qk_${key.prefix}_…, ${key.role})` }));
  // A linked key revoked since still shows, so saving the form does not silently unlink it.
  if (current && !keys.some((key) => key.id === current.id)) options.unshift({ id: current.id, label: `${current.name} (qk_${current.prefix}_…, revoked)` });
  return (
    <Field name="apiKeyId" label="Feed key" errors={errors} hint="The API key the partner reads its syndication feed with (make one with the contributor role on the API keys page).">
      <select id={fieldId('apiKeyId')} name="apiKeyId" {...invalidAttrs('apiKeyId', errors)}>
        <option value="" selected={(values.apiKeyId ?? '') === ''}>
          None
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
  return (
    <>
      <Field name="organisation" label="Organisation" errors={errors}>
        <input id={fieldId('organisation')} name="organisation" type="text" value={values.organisation ?? ''} {...invalidAttrs('organisation', errors)} />
      </Field>
      <div class="nr-form-row">
        <Field name="contactName" label="Contact name" errors={errors}>
          <input id={fieldId('contactName')} name="contactName" type="text" value={values.contactName ?? ''} {...invalidAttrs('contactName', errors)} />
        </Field>
        <Field name="contactEmail" label="Contact email" errors={errors}>
          <input id={fieldId('contactEmail')} name="contactEmail" type="email" value={values.contactEmail ?? ''} {...invalidAttrs('contactEmail', errors)} />
        </Field>
      </div>
      <Field name="domains" label="Domains" errors={errors} hint="One per line, such as partner.kz; each covers its subdomains (news.partner.kz).">
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
  return (
    <NewsroomLayout title="Partners" actor={props.actor} csrfToken={props.csrfToken} active="partners">
      <h1>Partners</h1>
      <DeskNav current="partners" />
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      {props.partners.length === 0 ? (
        <p class="nr-muted">No partners yet: approving a licence request adds its publisher.</p>
      ) : (
        <DataTable
          items={props.partners}
          rowKey={(p) => p.id}
          columns={[
            { header: 'Organisation', cell: (p) => <a href={`${PARTNERS_PATH}/${p.id}`}>{p.organisation}</a> },
            { header: 'Domains', cell: (p) => p.domains.join(', ') },
            { header: 'Contact', cell: (p) => `${p.contactName} <${p.contactEmail}>` },
            { header: 'Feed key', cell: (p) => (p.apiKey ? <code class="nr-code">{`qk_${p.apiKey.prefix}_…`}</code> : '—') },
          ]}
        />
      )}
      <div class="nr-card">
        <h2>Add a partner</h2>
        <form method="post" action={PARTNERS_PATH} class="nr-form" novalidate>
          <CsrfField token={props.csrfToken} />
          <PartnerFields keys={props.keys} current={null} values={values} errors={errors} />
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              Add partner
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
  return (
    <NewsroomLayout title={partner.organisation} actor={props.actor} csrfToken={props.csrfToken} active="partners">
      <p>
        <a href={PARTNERS_PATH}>← All partners</a>
      </p>
      <h1>{partner.organisation}</h1>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      <div class="nr-card">
        <h2>Syndication feed</h2>
        <p>
          The full text of every article its licences cover, with their terms: <code class="nr-code">{props.feedUrl}</code> (also{' '}
          <code class="nr-code">atom.xml</code> and <code class="nr-code">feed.json</code>; <code class="nr-code">?language=ru</code> for another
          language), read with <code class="nr-code">Authorization: Bearer</code> and the partner's feed key.
        </p>
        {partner.apiKey ? null : <Notice kind="warn">No feed key yet: an admin links one below.</Notice>}
      </div>
      <div class="nr-card">
        <h2>Details</h2>
        <form method="post" action={`${PARTNERS_PATH}/${partner.id}`} class="nr-form" novalidate>
          <CsrfField token={props.csrfToken} />
          <PartnerFields keys={props.keys} current={partner.apiKey} values={values} errors={errors} />
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              Save changes
            </button>
          </div>
        </form>
      </div>
      <h2>Licences</h2>
      {props.licences.length === 0 ? (
        <p class="nr-muted">None yet.</p>
      ) : (
        <DataTable
          items={props.licences}
          rowKey={(l) => l.id}
          columns={[
            { header: 'No.', cell: (l) => <a href={`${LICENCES_PATH}#licence-${l.id}`}>{l.id}</a>, class: 'nr-num' },
            { header: 'Covers', cell: (l) => coverage(l) },
            { header: 'Until', cell: (l) => when(l.expiresAt, props.timeZone) },
            { header: 'Status', cell: (l) => licenceStatus(l, props.now).replace('-', ' ') },
          ]}
        />
      )}
    </NewsroomLayout>
  );
}
