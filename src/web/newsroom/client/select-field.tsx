type SelectFieldProps = {
  id: string;
  label: string;
  value: number | null;
  options: Array<{ id: number; label: string }>;
  /** The option for "none"; shown while nothing is chosen, or always when `noneAllowed`. */
  none: string;
  noneAllowed?: boolean;
  disabled?: boolean;
  invalid?: boolean;
  onChange: (id: number | null) => void;
};

/** A labelled choice of one item by id (section, dateline place). */
export function SelectField({ id, label, value, options, none, noneAllowed, disabled, invalid, onChange }: SelectFieldProps) {
  return (
    <div class="nr-field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value ?? ''}
        disabled={disabled}
        aria-invalid={invalid ? 'true' : undefined}
        onChange={(e) => onChange(Number(e.currentTarget.value) || null)}
      >
        {noneAllowed || value === null ? <option value="">{none}</option> : null}
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
