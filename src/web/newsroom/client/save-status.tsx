import { formatZonedClock } from './zoned-time.ts';
import { useIslandT } from './island-i18n.ts';
import type { SaveState } from './editor-state.ts';

/** "Saved 10:28" / "Saving…" / "Offline — kept locally": one polite live region. */
export function SaveStatus({ state, timeZone, waitsForUpdate }: { state: SaveState; timeZone: string; waitsForUpdate: boolean }) {
  const { t } = useIslandT();
  const text = (() => {
    switch (state.kind) {
      case 'clean':
        return '';
      case 'dirty':
        return waitsForUpdate ? t('editor.status.dirtyLive') : t('editor.status.dirty');
      case 'saving':
        return t('common.saving');
      case 'saved':
        return t('editor.status.saved', { time: formatZonedClock(state.at, timeZone) });
      case 'kept':
        return t('editor.status.kept', { time: formatZonedClock(state.at, timeZone) });
      case 'offline':
        return t('editor.status.offline');
      case 'error':
        return t('editor.status.error');
      case 'conflict':
        return t('editor.status.conflict');
    }
  })();
  return (
    <span class={`ed-save ed-save--${state.kind}`} id="ed-save-status" role="status" aria-live="polite">
      {text}
    </span>
  );
}
