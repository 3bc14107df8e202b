import { formatZonedShort } from './zoned-time.ts';
import type { SaveState } from './editor-state.ts';

const clock = (at: string, timeZone: string) => formatZonedShort(at, timeZone).split(', ').pop();

/** "Saved 10:28" / "Saving…" / "Offline — kept locally": one polite live region. */
export function SaveStatus({ state, timeZone, waitsForUpdate }: { state: SaveState; timeZone: string; waitsForUpdate: boolean }) {
  const text = (() => {
    switch (state.kind) {
      case 'clean':
        return '';
      case 'dirty':
        return waitsForUpdate ? 'Unsaved changes (kept in this browser) — press Update to change the live article' : 'Unsaved changes';
      case 'saving':
        return 'Saving…';
      case 'saved':
        return `Saved ${clock(state.at, timeZone)}`;
      case 'kept':
        return `Kept at ${clock(state.at, timeZone)} (not live yet) — press Update to publish`;
      case 'offline':
        return 'Offline — kept locally';
      case 'error':
        return 'Not saved — kept locally';
      case 'conflict':
        return 'Not saved — someone else saved first';
    }
  })();
  return (
    <span class={`ed-save ed-save--${state.kind}`} id="ed-save-status" role="status" aria-live="polite">
      {text}
    </span>
  );
}
