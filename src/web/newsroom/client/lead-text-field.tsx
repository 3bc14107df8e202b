import { useState } from 'preact/hooks';
import { useIslandT } from './island-i18n.ts';
import { TextField } from './text-field.tsx';

type LeadTextFieldProps = {
  id: string;
  label: string;
  maxLength: number;
  /** This article's own text ('' means the library's applies). */
  own: string;
  /** The library's text of the image ('' when it has none, or while it loads). */
  library: string;
  disabled?: boolean;
  onChange: (own: string) => void;
};

/**
 * A lead image's caption or credit as readers will see it: this article's own text, else the
 * library's, shown as the field's value (never as a placeholder that looks like an empty field).
 * Editing it makes the text this article's own; the library's text typed back, or an emptied field,
 * means "the library's" again, which the field shows once it loses focus.
 */
export function LeadTextField({ id, label, maxLength, own, library, disabled, onChange }: LeadTextFieldProps) {
  const { t } = useIslandT();
  const shown = own || library;
  /** What is being typed, exactly (even emptied); null when the field shows `shown`. */
  const [typing, setTyping] = useState<string | null>(null);
  const fromLibrary = library !== '' && (own === '' || own === library);
  return (
    <TextField
      id={id}
      label={label}
      maxLength={maxLength}
      value={typing ?? shown}
      disabled={disabled}
      hint={fromLibrary ? t('editor.lead.fromLibrary') : own ? t('editor.lead.ownText') : undefined}
      onInput={(value) => {
        setTyping(value);
        onChange(value === library ? '' : value);
      }}
      onBlur={() => setTyping(null)}
    />
  );
}
