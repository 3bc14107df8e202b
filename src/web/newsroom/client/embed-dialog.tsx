import { useState } from 'preact/hooks';
import { Modal } from './modal.tsx';
import { useIslandT } from './island-i18n.ts';
import { isSafeHref } from '#src/lib/safe-href.ts';

type EmbedDialogProps = {
  onDone: (attrs: { url: string; title: string }) => void;
  onCancel: () => void;
};

/** Asks for the address and title of an outside item, placed in the body as a link card. */
export function EmbedDialog({ onDone, onCancel }: EmbedDialogProps) {
  const { t } = useIslandT();
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    const value = url.trim();
    if (!/^https?:\/\//i.test(value) || !isSafeHref(value)) {
      setError(t('editor.embed.invalid'));
      return;
    }
    onDone({ url: value, title: title.trim().slice(0, 300) });
  };
  return (
    <Modal title={t('editor.embed.title')} onClose={onCancel}>
      <form class="nr-form" onSubmit={submit} noValidate>
        <div class="nr-field">
          <label for="ed-embed-url">{t('editor.embed.address')}</label>
          <input
            id="ed-embed-url"
            type="url"
            value={url}
            aria-invalid={error ? 'true' : undefined}
            onInput={(e) => setUrl(e.currentTarget.value)}
            autoFocus
          />
          {error ? (
            <p class="nr-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div class="nr-field">
          <label for="ed-embed-title">{t('editor.embed.cardTitle')}</label>
          <input id="ed-embed-title" type="text" maxLength={300} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
        <div class="nr-actions">
          <button type="submit" class="nr-button">
            {t('editor.embed.insert')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
