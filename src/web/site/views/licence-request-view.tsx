import type { MessageKey } from '#src/i18n/translator.ts';
import type { PageLanguage } from '../page-language.ts';

/** The fields of the public licence request form, in the order readers fill them. */
export const LICENCE_FORM_FIELDS = ['organisation', 'contactName', 'contactEmail', 'domain', 'message'] as const;
export type LicenceFormField = (typeof LICENCE_FORM_FIELDS)[number];

/** What the form holds as typed, and which fields were refused. */
export type LicenceFormState = {
  values: Partial<Record<LicenceFormField, string>>;
  /** Fields to mark as wrong (each says what it needs in the page's language). */
  invalid: readonly LicenceFormField[];
  /** A refusal not tied to one field (an expired form, too many requests), already in the page's language. */
  problem?: string;
};

/** What the page shows: the article asked for, the site's share, and the form or the thanks. */
export type LicenceRequestModel = {
  article: { title: string; path: string };
  share: number;
  site: string;
  /** Where the form posts (this page's own path). */
  action: string;
  csrfToken: string;
  /** The request went through: thanks instead of the form. */
  sent: boolean;
  state: LicenceFormState;
};

type FieldSpec = { label: MessageKey; error: MessageKey; hint?: MessageKey; type: 'text' | 'email' | 'textarea'; autocomplete?: string; maxLength: number };

const FIELDS: Record<LicenceFormField, FieldSpec> = {
  organisation: { label: 'licence.field.organisation', error: 'licence.error.organisation', type: 'text', autocomplete: 'organization', maxLength: 200 },
  contactName: { label: 'licence.field.contactName', error: 'licence.error.contactName', type: 'text', autocomplete: 'name', maxLength: 200 },
  contactEmail: { label: 'licence.field.contactEmail', error: 'licence.error.contactEmail', type: 'email', autocomplete: 'email', maxLength: 320 },
  domain: { label: 'licence.field.domain', error: 'licence.error.domain', hint: 'licence.hint.domain', type: 'text', autocomplete: 'url', maxLength: 2000 },
  message: { label: 'licence.field.message', error: 'licence.error.message', hint: 'licence.hint.message', type: 'textarea', maxLength: 2000 },
};

const fieldId = (name: LicenceFormField) => `licence-${name}`;

/** One labelled field with its hint and, when refused, what it needs (tied to the control for screen readers). */
function FormField({ name, state, lang }: { name: LicenceFormField; state: LicenceFormState; lang: PageLanguage }) {
  const { t } = lang.translator;
  const spec = FIELDS[name];
  const id = fieldId(name);
  const isInvalid = state.invalid.includes(name);
  const describedBy = [spec.hint ? `${id}-hint` : '', isInvalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    maxLength: spec.maxLength,
    'aria-invalid': isInvalid ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    required: name !== 'message',
  };
  return (
    <div class={isInvalid ? 'form-field form-field-invalid' : 'form-field'}>
      <label for={id}>{t(spec.label)}</label>
      {spec.hint ? (
        <span class="form-hint" id={`${id}-hint`}>
          {t(spec.hint)}
        </span>
      ) : null}
      {isInvalid ? (
        <span class="form-error" id={`${id}-error`}>
          {t(spec.error)}
        </span>
      ) : null}
      {spec.type === 'textarea' ? (
        <textarea {...common} rows={5}>
          {state.values[name] ?? ''}
        </textarea>
      ) : (
        <input {...common} type={spec.type} autocomplete={spec.autocomplete} value={state.values[name] ?? ''} />
      )}
    </div>
  );
}

/**
 * The public page where a publisher asks to republish an article in full: the article, the
 * policy in a sentence, and a form that works without JavaScript. A refused form lists what to
 * correct at the top (each item a link to its field) and marks each field beside it.
 */
export function LicenceRequestView({ model, lang }: { model: LicenceRequestModel; lang: PageLanguage }) {
  const { t } = lang.translator;
  const { state } = model;
  const hasErrors = state.invalid.length > 0 || state.problem !== undefined;
  return (
    <div class="form-page">
      {model.sent ? (
        <>
          <h1>{t('licence.sent.title')}</h1>
          <p role="status">{t('licence.sent.body')}</p>
          <p>{t('licence.article', { title: model.article.title })}</p>
          <p>
            <a href={model.article.path} class="button-link">
              {t('licence.backToArticle')}
            </a>
          </p>
        </>
      ) : (
        <>
          <h1>{t('licence.heading')}</h1>
          <p>{t('licence.intro', { share: model.share, site: model.site })}</p>
          <p class="form-subject">
            {lang.translator.rich('licence.article', { title: <a href={model.article.path}>{model.article.title}</a> })}
          </p>
          {hasErrors ? (
            <div class="form-errors" role="alert" tabindex={-1} id="form-errors">
              <p>{state.problem ?? t('licence.error.summary')}</p>
              {state.invalid.length > 0 ? (
                <ul>
                  {state.invalid.map((name) => (
                    <li>
                      <a href={`#${fieldId(name)}`}>{t(FIELDS[name].error)}</a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <form method="post" action={model.action} class="licence-form" novalidate>
            <input type="hidden" name="_csrf" value={model.csrfToken} />
            {LICENCE_FORM_FIELDS.map((name) => (
              <FormField name={name} state={state} lang={lang} />
            ))}
            <p>
              <button type="submit" class="button-link">
                {t('licence.submit')}
              </button>
            </p>
          </form>
        </>
      )}
    </div>
  );
}
