import { useState } from 'preact/hooks';
import { Modal } from './modal.tsx';
import { useIslandT } from './island-i18n.ts';
import { isSafeHref } from '#src/lib/safe-href.ts';

type LinkDialogProps = {
  initialHref: string;
  /** A URL to link the selection to, or null to remove the link. */
  onDone: (href: string | null) => void;
  onCancel: () => void;
};

/** Asks for a link address; only http, https and mailto pass (bare domains get https://). */
export function LinkDialog({ initialHref, onDone, onCancel }: LinkDialogProps) {
  const { t } = useIslandT();
  const [href, setHref] = useState(initialHref);
  const [error, setError] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    let value = href.trim();
    if (value && !/^[a-z][a-z0-9+.-]*:/i.test(value) && /^[\w-]+(\.[\w-]+)+/.test(value)) value = `https://${value}`;
    if (value && value.includes('@') && !value.includes(':') ) value = `mailto:${value}`;
    if (!isSafeHref(value)) {
      setError(t('editor.link.invalid'));
      return;
    }
    onDone(value);
  };
  return (
    <Modal title={t('editor.link.title')} onClose={onCancel}>
      <form class="nr-form" onSubmit={submit} noValidate>
        <div class="nr-field">
          <label for="ed-link-href">{t('editor.link.address')}</label>
          <input
            id="ed-link-href"
            type="url"
            value={href}
            placeholder="https://…"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'ed-link-error' : undefined}
            onInput={(e) => setHref(e.currentTarget.value)}
            autoFocus
          />
          {error ? (
            <p class="nr-error" id="ed-link-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            {t('editor.link.apply')}
          </button>
          {initialHref ? (
            <button type="button" class="nr-button nr-button--quiet" onClick={() => onDone(null)}>
              {t('editor.link.remove')}
            </button>
          ) : null}
        </div>
      </form>
    </Modal>
  );
}
