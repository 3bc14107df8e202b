import type { ComponentChildren } from 'preact';

type TextFieldProps = {
  id: string;
  label: string;
  value: string;
  maxLength: number;
  onInput: (value: string) => void;
  onBlur?: (value: string) => void;
  /** A textarea of this many rows; absent: a one-line input. */
  rows?: number;
  class?: string;
  placeholder?: string;
  readOnly?: boolean;
  disabled?: boolean;
  /** The server named this field as the reason a save failed. */
  invalid?: boolean;
  /** A hint under the field, read with it by screen readers. */
  hint?: ComponentChildren;
};

/** A labelled text field of the editor's forms (one line or several), with its hint and error state. */
export function TextField({ id, label, value, maxLength, onInput, onBlur, rows, hint, invalid, ...rest }: TextFieldProps) {
  const common = {
    id,
    maxLength,
    value,
    class: rest.class,
    placeholder: rest.placeholder,
    readOnly: rest.readOnly,
    disabled: rest.disabled,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': hint ? `${id}-hint` : undefined,
    onInput: (e: Event) => onInput((e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value),
    onBlur: onBlur ? (e: Event) => onBlur((e.currentTarget as HTMLInputElement).value) : undefined,
  };
  return (
    <div class="nr-field">
      <label for={id}>{label}</label>
      {rows ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
      {hint ? (
        <p class="nr-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
