import { useState } from 'preact/hooks';
import { errorText } from './error-text.ts';
import { useIslandT } from './island-i18n.ts';

type Option = { id: number; name: string };

type ChipPickerProps = {
  /** Field id (the input's) and visible label. */
  id: string;
  label: string;
  hint?: string;
  options: Option[];
  selected: number[];
  onChange: (ids: number[]) => void;
  disabled?: boolean;
  /** Creates an item from a name no option has (new tags); absent: only existing items can be chosen. */
  onCreate?: (name: string) => Promise<Option>;
};

/**
 * Chooses several items by name: type (the browser suggests from a datalist), then Enter or a comma
 * adds the chip; order is kept (bylines and tags show in the order chosen).
 */
export function ChipPicker({ id, label, hint, options, selected, onChange, disabled, onCreate }: ChipPickerProps) {
  const { t, locale } = useIslandT();
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [unknown, setUnknown] = useState<string[]>([]);
  const byId = new Map(options.map((o) => [o.id, o]));
  const add = (raw: string) => {
    const names = raw
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    if (names.length === 0) return;
    const next = [...selected];
    const unknown: string[] = [];
    for (const name of names) {
      const match = options.find((o) => o.name.toLocaleLowerCase() === name.toLocaleLowerCase());
      if (!match) unknown.push(name);
      else if (!next.includes(match.id)) next.push(match.id);
    }
    onChange(next);
    setText(unknown.join(', '));
    setUnknown(unknown);
    const missing = unknown.join(', ');
    setError(unknown.length ? (onCreate ? t('editor.chips.notFound', { names: missing }) : t('editor.chips.notFoundPick', { names: missing })) : '');
  };
  const create = async () => {
    if (!onCreate) return;
    const next = [...selected];
    try {
      for (const name of unknown) {
        const made = await onCreate(name);
        if (!next.includes(made.id)) next.push(made.id);
      }
      onChange(next);
      setText('');
      setUnknown([]);
      setError('');
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add(text);
    } else if (event.key === 'Backspace' && text === '' && selected.length > 0) {
      onChange(selected.slice(0, -1));
    }
  };
  return (
    <div class="nr-field ed-chips">
      <label for={id}>{label}</label>
      {selected.length > 0 ? (
        <ul class="ed-chips__list" aria-label={t('editor.chips.chosen', { label: label.toLocaleLowerCase(locale) })}>
          {selected.map((chosen) => (
            <li key={chosen} class="ed-chip">
              {byId.get(chosen)?.name ?? `#${chosen}`}
              <button
                type="button"
                class="ed-chip__remove"
                aria-label={t('editor.chips.remove', { name: byId.get(chosen)?.name ?? String(chosen) })}
                disabled={disabled}
                onClick={() => onChange(selected.filter((s) => s !== chosen))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id={id}
        type="text"
        list={`${id}-options`}
        value={text}
        disabled={disabled}
        autoComplete="off"
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? 'true' : undefined}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          // Picking a suggestion fills the whole name: take it at once.
          if (options.some((o) => o.name === value)) add(value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => add(text)}
      />
      <datalist id={`${id}-options`}>
        {options
          .filter((o) => !selected.includes(o.id))
          .map((o) => (
            <option key={o.id} value={o.name} />
          ))}
      </datalist>
      <p class="nr-hint" id={`${id}-hint`}>
        {hint ?? t('editor.chips.hint')}
      </p>
      {error ? (
        <p class="nr-error" role="alert">
          {error}
        </p>
      ) : null}
      {onCreate && unknown.length > 0 ? (
        <button type="button" class="nr-button nr-button--quiet nr-button--small" disabled={disabled} onClick={() => void create()}>
          {t('editor.chips.create', { names: unknown.map((n) => `“${n}”`).join(', ') })}
        </button>
      ) : null}
    </div>
  );
}
