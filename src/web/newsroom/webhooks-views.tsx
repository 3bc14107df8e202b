import type { Actor } from '#src/domain/people/actor.ts';
import { WEBHOOK_EVENT_TYPES } from '#src/domain/webhooks/webhook-events.ts';
import type { WebhookDelivery, WebhookEndpoint } from '#src/domain/webhooks/webhook-repository.ts';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';

/** What a webhooks page shows besides its data: the form as typed, its errors, and messages. */
export type WebhookPageState = { values: FormValues; errors: FieldErrors; notice?: string; message?: string };

/** The form field of one event's checkbox. */
export function eventFieldName(type: string): string {
  return `event:${type}`;
}

/** The values of an endpoint's form, as the browser would post them. */
export function endpointFormValues(endpoint: WebhookEndpoint): FormValues {
  const values: FormValues = { url: endpoint.url, description: endpoint.description, enabled: endpoint.enabled ? 'on' : '' };
  for (const type of endpoint.events) values[eventFieldName(type)] = 'on';
  return values;
}

function when(instant: string | null): string {
  return instant ? `${instant.slice(0, 19).replace('T', ' ')} UTC` : '';
}

const DELIVERY_BADGE: Record<WebhookDelivery['status'], string> = { succeeded: 'nr-badge--published', pending: 'nr-badge--review', failed: 'nr-badge--trashed' };

/** The url, description and event fields shared by the add and edit forms. */
function EndpointFields({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  const { t } = useNewsroomT();
  return (
    <>
      <Field name="url" label={t('webhooks.field.url')} errors={errors} hint={t('webhooks.field.urlHint')}>
        <input id={fieldId('url')} name="url" type="url" value={values.url ?? ''} placeholder="https://partner.example/hooks/qalam" {...invalidAttrs('url', errors)} />
      </Field>
      <Field name="description" label={t('webhooks.field.description')} errors={errors} hint={t('webhooks.field.descriptionHint')}>
        <input id={fieldId('description')} name="description" type="text" value={values.description ?? ''} {...invalidAttrs('description', errors)} />
      </Field>
      <fieldset class="nr-fieldset" aria-describedby={errors.events ? `${fieldId('events')}-error` : undefined}>
        <legend>{t('webhooks.field.events')}</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <div key={type}>
            <label>
              <input type="checkbox" name={eventFieldName(type)} checked={values[eventFieldName(type)] === 'on'} /> <code>{type}</code>
              <span class="nr-muted nr-small"> — {t(`webhooks.eventHelp.${type}`)}</span>
            </label>
          </div>
        ))}
        {errors.events ? (
          <span class="nr-error" id={`${fieldId('events')}-error`} role="alert">
            {errors.events}
          </span>
        ) : null}
      </fieldset>
    </>
  );
}

function DisabledNotice({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { rich } = useNewsroomT();
  return (
    <Notice kind="warn">
      {rich('webhooks.disabledNotice', { endpoint: <a href={`/newsroom/webhooks/${endpoint.id}`}>{endpoint.url}</a> })} {endpoint.disabledReason ?? ''}
    </Notice>
  );
}

/** The list of endpoints, with a notice for each disabled one, and the form to add one. */
export function WebhooksListPage(props: { actor: Actor; csrfToken: string | null; endpoints: WebhookEndpoint[]; state: WebhookPageState }) {
  const { t, rich } = useNewsroomT();
  const { values, errors } = props.state;
  return (
    <NewsroomLayout title={t('webhooks.title')} actor={props.actor} csrfToken={props.csrfToken} active="webhooks">
      <h1>{t('webhooks.title')}</h1>
      <p class="nr-muted">
        {rich('webhooks.intro', { id: <code>webhook-id</code>, timestamp: <code>webhook-timestamp</code>, signature: <code>webhook-signature</code> })}
      </p>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      {props.endpoints.filter((endpoint) => !endpoint.enabled).map((endpoint) => (
        <DisabledNotice endpoint={endpoint} key={endpoint.id} />
      ))}
      {props.endpoints.length === 0 ? (
        <p class="nr-muted">{t('webhooks.empty')}</p>
      ) : (
        <table class="nr-table">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.column.endpoint')}</th>
              <th scope="col">{t('webhooks.column.events')}</th>
              <th scope="col">{t('webhooks.column.status')}</th>
              <th scope="col" class="nr-num">
                {t('webhooks.column.failures')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.endpoints.map((endpoint) => (
              <tr key={endpoint.id}>
                <td>
                  <a href={`/newsroom/webhooks/${endpoint.id}`}>{endpoint.url}</a>
                  {endpoint.description ? <div class="nr-muted nr-small">{endpoint.description}</div> : null}
                </td>
                <td class="nr-small">{endpoint.events.join(', ')}</td>
                <td>
                  {endpoint.enabled ? (
                    <span class="nr-badge nr-badge--published">{t('webhooks.status.enabled')}</span>
                  ) : (
                    <span class="nr-badge nr-badge--disabled">{t('webhooks.status.disabled')}</span>
                  )}
                </td>
                <td class="nr-num">{endpoint.consecutiveFailures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="nr-card">
        <h2>{t('webhooks.add')}</h2>
        <form method="post" action="/newsroom/webhooks" class="nr-form" novalidate>
          <CsrfField token={props.csrfToken} />
          <EndpointFields values={values} errors={errors} />
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              {t('webhooks.addSubmit')}
            </button>
          </div>
        </form>
      </div>
    </NewsroomLayout>
  );
}

function DeliveryRow({ delivery, csrfToken }: { delivery: WebhookDelivery; csrfToken: string | null }) {
  const { t, rich } = useNewsroomT();
  return (
    <tr>
      <td class="nr-small">
        <time datetime={delivery.createdAt}>{when(delivery.createdAt)}</time>
      </td>
      <td>
        <code>{delivery.eventType}</code>
        <div class="nr-muted nr-small">
          <code>{delivery.messageId}</code>
        </div>
      </td>
      <td>
        <span class={`nr-badge ${DELIVERY_BADGE[delivery.status]}`}>{t(`webhooks.delivery.${delivery.status}`)}</span>
      </td>
      <td class="nr-num">{delivery.attempts}</td>
      <td class="nr-num">{delivery.responseCode ?? '—'}</td>
      <td class="nr-num">{delivery.durationMs === null ? '—' : t('webhooks.milliseconds', { ms: delivery.durationMs })}</td>
      <td class="nr-small">
        {delivery.status === 'pending' && delivery.nextRetryAt
          ? rich('webhooks.nextTry', { when: <time datetime={delivery.nextRetryAt}>{when(delivery.nextRetryAt)}</time> })
          : null}
        {delivery.lastError ? <div class="nr-muted">{delivery.lastError}</div> : null}
      </td>
      <td>
        <form method="post" action={`/newsroom/webhooks/${delivery.endpointId}/deliveries/${delivery.id}/redeliver`} class="nr-inline-form">
          <CsrfField token={csrfToken} />
          <button type="submit" class="nr-button nr-button--quiet nr-button--small">
            {t('webhooks.sendAgain')}
            <span class="nr-visually-hidden"> {t('webhooks.deliveryNumber', { id: String(delivery.id) })}</span>
          </button>
        </form>
      </td>
    </tr>
  );
}

/** One endpoint: its secret, its settings, its delivery log with "Send again", and deleting it. */
export function WebhookEndpointPage(props: {
  actor: Actor;
  csrfToken: string | null;
  endpoint: WebhookEndpoint;
  deliveries: { items: WebhookDelivery[]; total: number; page: number; pageSize: number };
  state: WebhookPageState;
}) {
  const { endpoint, deliveries } = props;
  const { values, errors } = props.state;
  const base = `/newsroom/webhooks/${endpoint.id}`;
  const pages = Math.max(1, Math.ceil(deliveries.total / deliveries.pageSize));
  const { t } = useNewsroomT();
  return (
    <NewsroomLayout title={t('webhooks.endpointTitle')} actor={props.actor} csrfToken={props.csrfToken} active="webhooks">
      <p>
        <a href="/newsroom/webhooks">{t('webhooks.all')}</a>
      </p>
      <h1>{t('webhooks.endpointTitle')}</h1>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      {endpoint.enabled ? null : <DisabledNotice endpoint={endpoint} />}
      <div class="nr-card">
        <h2>{t('webhooks.secret')}</h2>
        <p>
          <code class="nr-code">{endpoint.secret}</code>
        </p>
        <p class="nr-muted nr-small">{t('webhooks.secretHint')}</p>
        <form method="post" action={`${base}/secret`} class="nr-inline-form">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="nr-button nr-button--quiet nr-button--small">
            {t('webhooks.replaceSecret')}
          </button>
        </form>
      </div>
      <div class="nr-card">
        <h2>{t('webhooks.settings')}</h2>
        <form method="post" action={base} class="nr-form" novalidate>
          <CsrfField token={props.csrfToken} />
          <EndpointFields values={values} errors={errors} />
          <div>
            <label>
              <input type="checkbox" name="enabled" checked={values.enabled === 'on'} /> {t('webhooks.field.enabled')}
            </label>
          </div>
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              {t('common.saveChanges')}
            </button>
          </div>
        </form>
      </div>
      <h2>{t('webhooks.deliveries')}</h2>
      {deliveries.items.length === 0 ? (
        <p class="nr-muted">{t('webhooks.deliveriesEmpty')}</p>
      ) : (
        <table class="nr-table">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.column.queued')}</th>
              <th scope="col">{t('webhooks.column.event')}</th>
              <th scope="col">{t('webhooks.column.status')}</th>
              <th scope="col" class="nr-num">
                {t('webhooks.column.attempts')}
              </th>
              <th scope="col" class="nr-num">
                {t('webhooks.column.response')}
              </th>
              <th scope="col" class="nr-num">
                {t('webhooks.column.duration')}
              </th>
              <th scope="col">{t('webhooks.column.retry')}</th>
              <th scope="col">
                <span class="nr-visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.items.map((delivery) => (
              <DeliveryRow delivery={delivery} csrfToken={props.csrfToken} key={delivery.id} />
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav class="nr-pager" aria-label={t('webhooks.pagesLabel')}>
          {deliveries.page > 1 ? <a href={`${base}?page=${deliveries.page - 1}`}>{t('common.newer')}</a> : null}
          <span aria-current="page">{t('common.pageOf', { page: deliveries.page, pages })}</span>
          {deliveries.page < pages ? <a href={`${base}?page=${deliveries.page + 1}`}>{t('common.older')}</a> : null}
        </nav>
      ) : null}
      <div class="nr-card">
        <h2>{t('webhooks.delete')}</h2>
        <p class="nr-muted">{t('webhooks.deleteHint')}</p>
        <form method="post" action={`${base}/delete`} class="nr-inline-form">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="nr-button nr-button--danger">
            {t('webhooks.deleteSubmit')}
          </button>
        </form>
      </div>
    </NewsroomLayout>
  );
}
