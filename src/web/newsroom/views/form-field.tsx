import type { ComponentChildren } from 'preact';
import type { z } from 'zod';

/** Messages by field name, shown next to their fields. */
export type FieldErrors = Record<string, string | undefined>;

/** Raw form values by field name (what the browser posted, or what an item holds). */
export type FormValues = Record<string, string>;

/** Field → first message of a failed zod parse. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return errors;
}

/** Only the string fields of a posted form (anything else is dropped), without the CSRF token. */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key !== '_csrf' && typeof value === 'string') values[key] = value;
  }
  return values;
}

type FieldProps = {
  /** The input's name (and the key into `errors`). */
  name: string;
  label: string;
  errors?: FieldErrors;
  hint?: string;
  /** The control itself; give it id={`f-${name}`} and aria-invalid via invalidAttrs(). */
  children: ComponentChildren;
};

/** The id a field's control carries, tying label, hint and error to it. */
export function fieldId(name: string): string {
  return `f-${name}`;
}

/** aria attributes for a control whose field may have an error message. */
export function invalidAttrs(name: string, errors?: FieldErrors): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
  return errors?.[name] ? { 'aria-invalid': 'true', 'aria-describedby': `${fieldId(name)}-error` } : {};
}

/** A labelled form field with its hint and, when there is one, its error message next to it. */
export function Field({ name, label, errors, hint, children }: FieldProps) {
  const error = errors?.[name];
  return (
    <div class="nr-field">
      <label for={fieldId(name)}>{label}</label>
      {children}
      {hint ? <span class="nr-hint">{hint}</span> : null}
      {error ? (
        <span class="nr-error" id={`${fieldId(name)}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The hidden CSRF field every server-rendered form posts. */
export function CsrfField({ token }: { token: string | null }) {
  return <input type="hidden" name="_csrf" value={token ?? ''} />;
}

/** A message box: 'ok' after a change, 'error' for a failure not tied to one field. */
export function Notice({ kind, children }: { kind: 'ok' | 'error' | 'info' | 'warn'; children: ComponentChildren }) {
  return (
    <p class={`nr-notice nr-notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}
