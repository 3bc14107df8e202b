import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { useIslandT } from './island-i18n.ts';

type ModalProps = {
  /** Accessible name of the dialog, shown as its heading. */
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
};

/** A native modal `<dialog>`: focus is trapped and Escape closes it without any script of ours. */
export function Modal({ title, onClose, children, wide }: ModalProps) {
  const { t } = useIslandT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  // An id of its own: a title in Cyrillic has no \w characters to make one from.
  const headingId = `modal-${useId()}`;
  return (
    <dialog ref={ref} class={wide ? 'ed-modal ed-modal--wide' : 'ed-modal'} aria-labelledby={headingId} onClose={onClose}>
      <div class="ed-modal__head">
        <h2 id={headingId}>{title}</h2>
        <button type="button" class="nr-button nr-button--quiet nr-button--small" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {children}
    </dialog>
  );
}
