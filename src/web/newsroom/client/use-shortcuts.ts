import { useEffect } from 'preact/hooks';

/** Ctrl/Cmd+S saves as the Save button does, wherever the focus is on the page. */
export function useSaveShortcut(save: (autosave: false) => Promise<boolean>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void save(false);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [save]);
}
