import { ConflictPanel } from './conflict-panel.tsx';
import { draftFromArticle } from './draft-fields.ts';
import { useIslandT } from './island-i18n.ts';
import { RestoreNotice, type RestoreOffer } from './restore-offer.tsx';
import type { Conflict, SaveState } from './editor-state.ts';
import type { Notice } from './use-workflow-actions.ts';
import type { ArticleDraft, ArticleJson, EditorBootData } from './types.ts';

type EditorBannersProps = {
  article: ArticleJson | null;
  canEdit: boolean;
  /** Whether the article is the user's own (created or bylined): a read-only one says why by this. */
  isOwn: boolean;
  timeZone: string;
  notice: Notice | null;
  saveState: SaveState;
  offer: RestoreOffer | null;
  conflict: Conflict | null;
  /** The work in the editor, shown beside theirs in a conflict. */
  mine: ArticleDraft;
  review: EditorBootData['latestReview'];
  onRestore: () => void;
  onDiscard: () => void;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
};

/** The messages above the form: how an action went, why a save failed, kept work, a conflict, an editor's note. */
export function EditorBanners({ article, canEdit, isOwn, timeZone, notice, saveState, offer, conflict, mine, review, ...on }: EditorBannersProps) {
  const { t, rich } = useIslandT();
  return (
    <>
      {notice ? (
        <p class={`nr-notice nr-notice--${notice.kind === 'ok' ? 'ok' : 'error'}`} role={notice.kind === 'ok' ? 'status' : 'alert'}>
          {notice.text}
        </p>
      ) : null}
      {saveState.kind === 'error' ? (
        <p class="nr-notice nr-notice--error" role="alert">
          {t('editor.notSaved', { message: saveState.message })}
        </p>
      ) : null}
      {offer ? <RestoreNotice offer={offer} status={article?.status ?? null} timeZone={timeZone} onRestore={on.onRestore} onDiscard={on.onDiscard} /> : null}
      {conflict ? (
        <ConflictPanel
          message={conflict.message}
          theirs={conflict.theirs}
          timeZone={timeZone}
          theirsDraft={draftFromArticle(conflict.theirs)}
          mine={mine}
          onKeepMine={on.onKeepMine}
          onTakeTheirs={on.onTakeTheirs}
        />
      ) : null}
      {review?.action === 'returned' && article?.status === 'draft' ? (
        <div class="nr-notice nr-notice--warn ed-returned" role="note">
          {rich('editor.returnedBy', {
            returnedBy: <strong>{review.createdBy ? t('editor.returnedByName', { name: review.createdBy.name }) : t('editor.returnedByEditor')}</strong>,
            note: review.note,
          })}
        </div>
      ) : null}
      {!canEdit && article ? (
        <p class="nr-notice nr-notice--info">{isOwn ? t('editor.readOnly', { status: t(`status.${article.status}`) }) : t('editor.readOnlyOthers')}</p>
      ) : null}
    </>
  );
}
