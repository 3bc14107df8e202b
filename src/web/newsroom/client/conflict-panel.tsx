import { useState } from 'preact/hooks';
import { draftAsText } from './draft-fields.ts';
import type { ArticleDraft, ArticleJson } from './types.ts';

type ConflictPanelProps = {
  message: string;
  theirs: ArticleJson;
  theirsDraft: ArticleDraft;
  mine: ArticleDraft;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
};

/**
 * Shown when a save answers 409: someone saved a newer version. Both texts side by side, and a
 * choice; nothing is thrown away until the editor chooses (and "Copy mine" keeps theirs in hand).
 */
export function ConflictPanel({ message, theirs, theirsDraft, mine, onKeepMine, onTakeTheirs }: ConflictPanelProps) {
  const [copied, setCopied] = useState('');
  const mineText = draftAsText(mine);
  const copyMine = async () => {
    try {
      await navigator.clipboard.writeText(mineText);
      setCopied('Your version is on the clipboard.');
    } catch {
      const area = document.getElementById('ed-conflict-mine') as HTMLTextAreaElement | null;
      area?.select();
      setCopied('Your version is selected: press Ctrl+C to copy it.');
    }
  };
  return (
    <section class="ed-conflict nr-card" aria-labelledby="ed-conflict-title" aria-describedby="ed-conflict-message">
      <h2 id="ed-conflict-title">
        Someone else saved this article while you were editing
      </h2>
      {/* Announced, not focused: an autosave can meet the conflict mid-sentence, and moving focus
          then would send the rest of the sentence nowhere. What is typed meanwhile stays in "Your version". */}
      <p id="ed-conflict-message" role="alert">
        {message} Their version {theirs.version} was saved at {new Date(theirs.updatedAt).toLocaleTimeString()}. Your changes are kept in this
        browser until you choose.
      </p>
      <div class="ed-conflict__columns">
        <div>
          <h3>Their version</h3>
          <textarea id="ed-conflict-theirs" readOnly rows={14} aria-label="Their version" value={draftAsText(theirsDraft)} />
        </div>
        <div>
          <h3>Your version</h3>
          <textarea id="ed-conflict-mine" readOnly rows={14} aria-label="Your version" value={mineText} />
        </div>
      </div>
      <div class="nr-actions">
        <button type="button" class="nr-button" onClick={onKeepMine}>
          Keep mine (save over theirs)
        </button>
        <button type="button" class="nr-button nr-button--quiet" onClick={onTakeTheirs}>
          Take theirs
        </button>
        <button type="button" class="nr-button nr-button--quiet" onClick={() => void copyMine()}>
          Copy mine
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
