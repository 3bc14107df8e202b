import type { Actor } from '#src/domain/people/actor.ts';
import { WEBHOOK_EVENT_HELP, WEBHOOK_EVENT_TYPES } from '#src/domain/webhooks/webhook-events.ts';
import type { WebhookDelivery, WebhookEndpoint } from '#src/domain/webhooks/webhook-repository.ts';
import { CsrfField, Field, Notice, fieldId, invalidAttrs, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { NewsroomLayout } from './views/newsroom-layout.tsx';

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
  return (
    <>
      <Field name="url" label="URL" errors={errors} hint="Deliveries are POSTed here as JSON, signed the Standard Webhooks way.">
        <input id={fieldId('url')} name="url" type="url" value={values.url ?? ''} placeholder="https://partner.example/hooks/qalam" {...invalidAttrs('url', errors)} />
      </Field>
      <Field name="description" label="Description (optional)" errors={errors} hint="Who receives this, and why.">
        <input id={fieldId('description')} name="description" type="text" value={values.description ?? ''} {...invalidAttrs('description', errors)} />
      </Field>
      <fieldset class="nr-fieldset" aria-describedby={errors.events ? `${fieldId('events')}-error` : undefined}>
        <legend>Events</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <div key={type}>
            <label>
              <input type="checkbox" name={eventFieldName(type)} checked={values[eventFieldName(type)] === 'on'} /> <code>{type}</code>
              <span class="nr-muted nr-small"> — {WEBHOOK_EVENT_HELP[type]}</span>
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
  return (
    <Notice kind="warn">
      <a href={`/newsroom/webhooks/${endpoint.id}`}>{endpoint.url}</a> is disabled: nothing is sent to it. {endpoint.disabledReason ?? ''}
    </Notice>
  );
}

/** The list of endpoints, with a notice for each disabled one, and the form to add one. */
export function WebhooksListPage(props: { actor: Actor; csrfToken: string | null; endpoints: WebhookEndpoint[]; state: WebhookPageState }) {
  const { values, errors } = props.state;
  return (
    <NewsroomLayout title="Webhooks" actor={props.actor} csrfToken={props.csrfToken} active="webhooks">
      <h1>Webhooks</h1>
      <p class="nr-muted">
        Other systems hear of articles going live, changing or coming down. Each delivery is signed (headers <code>webhook-id</code>,{' '}
        <code>webhook-timestamp</code>, <code>webhook-signature</code>; verify with any Standard Webhooks library and the endpoint's secret) and
        retried with growing delays for about a day; an endpoint that fails all that time is disabled.
      </p>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      {props.endpoints.filter((endpoint) => !endpoint.enabled).map((endpoint) => (
        <DisabledNotice endpoint={endpoint} key={endpoint.id} />
      ))}
      {props.endpoints.length === 0 ? (
        <p class="nr-muted">No endpoints yet.</p>
      ) : (
        <table class="nr-table">
          <thead>
            <tr>
              <th scope="col">Endpoint</th>
              <th scope="col">Events</th>
              <th scope="col">Status</th>
              <th scope="col" class="nr-num">
                Failures in a row
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
                <td>{endpoint.enabled ? <span class="nr-badge nr-badge--published">enabled</span> : <span class="nr-badge nr-badge--disabled">disabled</span>}</td>
                <td class="nr-num">{endpoint.consecutiveFailures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="nr-card">
        <h2>Add an endpoint</h2>
        <form method="post" action="/newsroom/webhooks" class="nr-form" novalidate>
          <CsrfField token={props.csrfToken} />
          <EndpointFields values={values} errors={errors} />
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              Add endpoint
            </button>
          </div>
        </form>
      </div>
    </NewsroomLayout>
  );
}

function DeliveryRow({ delivery, csrfToken }: { delivery: WebhookDelivery; csrfToken: string | null }) {
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
        <span class={`nr-badge ${DELIVERY_BADGE[delivery.status]}`}>{delivery.status}</span>
      </td>
      <td class="nr-num">{delivery.attempts}</td>
      <td class="nr-num">{delivery.responseCode ?? '—'}</td>
      <td class="nr-num">{delivery.durationMs === null ? '—' : `${delivery.durationMs} ms`}</td>
      <td class="nr-small">
        {delivery.status === 'pending' && delivery.nextRetryAt ? (
          <>
            next try <time datetime={delivery.nextRetryAt}>{when(delivery.nextRetryAt)}</time>
          </>
        ) : null}
        {delivery.lastError ? <div class="nr-muted">{delivery.lastError}</div> : null}
      </td>
      <td>
        <form method="post" action={`/newsroom/webhooks/${delivery.endpointId}/deliveries/${delivery.id}/redeliver`} class="nr-inline-form">
          <CsrfField token={csrfToken} />
          <button type="submit" class="nr-button nr-button--quiet nr-button--small">
            Send again<span class="nr-visually-hidden"> delivery {delivery.id}</span>
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
  return (
    <NewsroomLayout title="Webhook endpoint" actor={props.actor} csrfToken={props.csrfToken} active="webhooks">
      <p>
        <a href="/newsroom/webhooks">← All webhooks</a>
      </p>
      <h1>Webhook endpoint</h1>
      {props.state.notice ? <Notice kind="ok">{props.state.notice}</Notice> : null}
      {props.state.message ? <Notice kind="error">{props.state.message}</Notice> : null}
      {endpoint.enabled ? null : <DisabledNotice endpoint={endpoint} />}
      <div class="nr-card">
        <h2>Signing secret</h2>
        <p>
          <code class="nr-code">{endpoint.secret}</code>
        </p>
        <p class="nr-muted nr-small">Give it to the receiver to verify signatures. Replacing it takes effect with the next attempt.</p>
        <form method="post" action={`${base}/secret`} class="nr-inline-form">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="nr-button nr-button--quiet nr-button--small">
            Replace the secret
          </button>
        </form>
      </div>
      <div class="nr-card">
        <h2>Settings</h2>
        <form method="post" action={base} class="nr-form" novalidate>
          <CsrfField token={props.csrfToken} />
          <EndpointFields values={values} errors={errors} />
          <div>
            <label>
              <input type="checkbox" name="enabled" checked={values.enabled === 'on'} /> Enabled: send deliveries (enabling clears the failure count)
            </label>
          </div>
          <div class="nr-actions">
            <button type="submit" class="nr-button">
              Save changes
            </button>
          </div>
        </form>
      </div>
      <h2>Deliveries</h2>
      {deliveries.items.length === 0 ? (
        <p class="nr-muted">Nothing has been sent to this endpoint yet.</p>
      ) : (
        <table class="nr-table">
          <thead>
            <tr>
              <th scope="col">Queued</th>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col" class="nr-num">
                Attempts
              </th>
              <th scope="col" class="nr-num">
                Response
              </th>
              <th scope="col" class="nr-num">
                Duration
              </th>
              <th scope="col">Next retry, last error</th>
              <th scope="col">
                <span class="nr-visually-hidden">Actions</span>
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
        <nav class="nr-pager" aria-label="Delivery log pages">
          {deliveries.page > 1 ? <a href={`${base}?page=${deliveries.page - 1}`}>← Newer</a> : null}
          <span aria-current="page">
            Page {deliveries.page} of {pages}
          </span>
          {deliveries.page < pages ? <a href={`${base}?page=${deliveries.page + 1}`}>Older →</a> : null}
        </nav>
      ) : null}
      <div class="nr-card">
        <h2>Delete</h2>
        <p class="nr-muted">Deleting the endpoint deletes its delivery log; deliveries still waiting are dropped.</p>
        <form method="post" action={`${base}/delete`} class="nr-inline-form">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="nr-button nr-button--danger">
            Delete this endpoint
          </button>
        </form>
      </div>
    </NewsroomLayout>
  );
}
