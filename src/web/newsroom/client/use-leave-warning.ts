import { useEffect } from 'preact/hooks';

/** Asks before leaving with unsaved work, and keeps it in this browser whatever happens (ADR 0011). */
export function useLeaveWarning(isDirty: () => boolean, keepLocal: () => void): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      keepLocal();
      event.preventDefault();
      event.returnValue = '';
    };
    const onPageHide = () => isDirty() && keepLocal();
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', onPageHide);
    };
  }, [keepLocal]);
}
