import { useState } from 'preact/hooks';
import { draftAsText } from './draft-fields.ts';
import { useIslandT } from './island-i18n.ts';
import { formatZonedClock } from './zoned-time.ts';
import type { ArticleDraft, ArticleJson } from './types.ts';

type ConflictPanelProps = {
  message: string;
  theirs: ArticleJson;
  /** The site's zone: the time their version was saved is said in it. */
  timeZone: string;
  theirsDraft: ArticleDraft;
  mine: ArticleDraft;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
};

/**
 * Shown when a save answers 409: someone saved a newer version. Both texts side by side, and a
 * choice; nothing is thrown away until the editor chooses (and "Copy mine" keeps theirs in hand).
 */
export function ConflictPanel({ message, theirs, timeZone, theirsDraft, mine, onKeepMine, onTakeTheirs }: ConflictPanelProps) {
  const { t } = useIslandT();
  const [copied, setCopied] = useState('');
  const mineText = draftAsText(mine);
  const copyMine = async () => {
    try {
      await navigator.clipboard.writeText(mineText);
      setCopied(t('editor.conflict.copied'));
    } catch {
      const area = document.getElementById('ed-conflict-mine') as HTMLTextAreaElement | null;
      area?.select();
      setCopied(t('editor.conflict.selected'));
    }
  };
  return (
    <section class="ed-conflict nr-card" aria-labelledby="ed-conflict-title" aria-describedby="ed-conflict-message">
      <h2 id="ed-conflict-title">{t('editor.conflict.heading')}</h2>
      {/* Announced, not focused: an autosave can meet the conflict mid-sentence, and moving focus
          then would send the rest of the sentence nowhere. What is typed meanwhile stays in "Your version". */}
      <p id="ed-conflict-message" role="alert">
        {t('editor.conflict.message', { message, version: String(theirs.version), time: formatZonedClock(theirs.updatedAt, timeZone) })}
      </p>
      <div class="ed-conflict__columns">
        <div>
          <h3>{t('editor.conflict.theirs')}</h3>
          <textarea id="ed-conflict-theirs" readOnly rows={14} aria-label={t('editor.conflict.theirs')} value={draftAsText(theirsDraft)} />
        </div>
        <div>
          <h3>{t('editor.conflict.mine')}</h3>
          <textarea id="ed-conflict-mine" readOnly rows={14} aria-label={t('editor.conflict.mine')} value={mineText} />
        </div>
      </div>
      <div class="nr-actions">
        <button type="button" class="nr-button" onClick={onKeepMine}>
          {t('editor.conflict.keepMine')}
        </button>
        <button type="button" class="nr-button nr-button--quiet" onClick={onTakeTheirs}>
          {t('editor.conflict.takeTheirs')}
        </button>
        <button type="button" class="nr-button nr-button--quiet" onClick={() => void copyMine()}>
          {t('editor.conflict.copyMine')}
        </button>
        {copied ? (
          <span class="nr-muted" role="status">
            {copied}
          </span>
        ) : null}
      </div>
    </section>
  );
}
