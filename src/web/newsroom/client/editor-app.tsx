import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { slugify } from '#src/lib/slug.ts';
import { hasRole } from '#src/domain/people/actor.ts';
import { isOwnArticle } from '#src/domain/articles/article-policy.ts';
import { articleRights } from './article-rights.ts';
import { ArticleMainFields, type Dialog } from './article-main-fields.tsx';
import { ArticleSettings } from './article-settings.tsx';
import { EditorBanners } from './editor-banners.tsx';
import { EditorDialogs } from './editor-dialogs.tsx';
import { IslandI18n, islandTranslator, useIslandT } from './island-i18n.ts';
import { SaveStatus } from './save-status.tsx';
import { WorkflowBar } from './workflow-bar.tsx';
import { isDirty, useEditorState } from './editor-state.ts';
import { useAutosave } from './use-autosave.ts';
import { useBodyEditor } from './use-body-editor.ts';
import { useLeaveWarning } from './use-leave-warning.ts';
import { useLocalCopy } from './use-local-copy.ts';
import { usePendingEdit } from './use-pending-edit.ts';
import { usePresence } from './use-presence.ts';
import { useRestoreOffers } from './use-restore-offers.ts';
import { useSaveShortcut } from './use-shortcuts.ts';
import { useWorkflowActions, type Notice } from './use-workflow-actions.ts';
import type { ArticleDraft, EditorBootData } from './types.ts';

/** The article editor island, in the user's newsroom language (its messages came with the page's data). */
export function EditorApp({ boot }: { boot: EditorBootData }) {
  const translator = useMemo(() => islandTranslator(boot.i18n), [boot.i18n]);
  return (
    <IslandI18n.Provider value={translator}>
      <ArticleEditor boot={boot} />
    </IslandI18n.Provider>
  );
}

/**
 * The article editor: fields, body, autosave with a local copy, workflow buttons, conflicts (ADR 0011)
 * and pending edits of live articles (ADR 0015). Each concern is a hook of its own; this composes them.
 */
function ArticleEditor({ boot }: { boot: EditorBootData }) {
  const { t } = useIslandT();
  const actor = boot.actor;
  const state = useEditorState(boot);
  const { live, article, draft, conflict, saveState } = state;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tags, setTags] = useState(boot.tags);

  // Who created the article, for the policy's "own article" test: this user, once their first save created it.
  const [createdBy, setCreatedBy] = useState<number | null>(boot.createdBy);
  const { allowed, canEdit } = articleRights(actor, article, createdBy);
  // A live (or scheduled) article changes for readers on every save, so half-typed edits are not
  // saved on a timer: they wait for "Update", kept in this browser and on the server meanwhile (ADR 0015).
  const autosaves = !article || article.status === 'draft' || article.status === 'review';

  const localCopy = useLocalCopy(live, actor.id);
  /** Applies a change of fields: marks unsaved work and schedules the local copy. */
  const change = useCallback((patch: Partial<ArticleDraft>) => {
    state.edit(patch);
    localCopy.keepSoon();
  }, []);
  // The text stays editable during a conflict: an autosave meets it mid-sentence, and a locked editor
  // would drop the rest of the sentence. Saving waits for the choice; "Your version" shows the text as it grows.
  const body = useBodyEditor({ initial: draft.body, editable: canEdit, t, onChange: (b) => change({ body: b }), onLinkShortcut: () => setDialog('link') });
  const load = (next: ArticleDraft) => {
    state.setDraft(next);
    body.editor?.commands.setContent(next.body, { emitUpdate: false });
  };

  const [notice, setNotice] = useState<Notice | null>(null);
  const offers = useRestoreOffers({ boot, state, localCopy, autosaves, load, onError: (text) => setNotice({ kind: 'error', text }) });
  const pending = usePendingEdit({ boot, state, offers, canEdit, autosaves });
  const onCreated = () => setCreatedBy(actor.id);
  const { save, keepMine, takeTheirs } = useAutosave({ state, localCopy, offers, actorId: actor.id, canEdit, autosaves, onCheck: pending.keepIfDue, onCreated, load });
  useLeaveWarning(() => isDirty(live), localCopy.keepLocal);
  useSaveShortcut(save);
  const others = usePresence(article?.id ?? null, actor.id);
  const workflow = useWorkflowActions({ boot, state, canEdit, save, keepLocal: localCopy.keepLocal, setNotice });

  // The page's heading (server-rendered) said "New article" until the first save created one.
  const isCreated = article !== null;
  useEffect(() => {
    const heading = document.getElementById('editor-heading');
    if (heading && isCreated) heading.textContent = t('editor.headingEdit');
  }, [isCreated]);

  const onTitle = (title: string) => change(state.slugTouched ? { title } : { title, slug: title.trim() ? slugify(title) : '' });
  const readOnly = !canEdit;
  const fieldError = saveState.kind === 'error' ? saveState.field : undefined;

  return (
    <div class="ed">
      <div class="ed-topbar">
        <div class="ed-topbar__status">
          {article ? (
            <span class={`nr-badge nr-badge--${article.status}`}>{t(`status.${article.status}`)}</span>
          ) : (
            <span class="nr-badge nr-badge--draft">{t('status.new')}</span>
          )}
          <SaveStatus state={saveState} timeZone={boot.timeZone} waitsForUpdate={!autosaves} />
          {others.length > 0 ? (
            <span class="ed-presence" role="status">
              {t('editor.alsoEditing', { names: others.map((o) => o.name).join(', ') })}
            </span>
          ) : null}
        </div>
        <WorkflowBar
          article={article}
          allowed={allowed}
          canEdit={canEdit}
          isEditorRole={hasRole(actor, 'editor')}
          timeZone={boot.timeZone}
          onSave={() => void save(false)}
          onPreview={workflow.openPreview}
          onAction={workflow.runAction}
        />
      </div>

      <EditorBanners
        article={article}
        canEdit={canEdit}
        isOwn={article === null || isOwnArticle(actor, { status: article.status, createdBy, authorIds: article.authorIds })}
        timeZone={boot.timeZone}
        notice={notice}
        saveState={saveState}
        offer={offers.current}
        conflict={conflict}
        mine={live.draft}
        review={workflow.review}
        onRestore={offers.restore}
        onDiscard={() => void offers.discard().then((done) => done && setNotice(null))}
        onKeepMine={() => void keepMine()}
        onTakeTheirs={takeTheirs}
      />

      <div class="ed-layout">
        <ArticleMainFields
          draft={draft}
          readOnly={readOnly}
          fieldError={fieldError}
          editor={body.editor}
          bodyHost={body.host}
          onTitle={onTitle}
          onChange={change}
          onDialog={setDialog}
        />
        <ArticleSettings
          boot={boot}
          article={article}
          draft={draft}
          tags={tags}
          slugTouched={state.slugTouched}
          readOnly={readOnly}
          fieldError={fieldError}
          canCorrect={allowed('correct')}
          onChange={change}
          onSlugTyped={() => state.setSlugTouched(true)}
          onTagCreated={(tag) => setTags((known) => (known.some((t) => t.id === tag.id) ? known : [...known, tag]))}
          onChooseLead={() => setDialog('lead')}
          onChooseSocial={() => setDialog('social')}
          onCorrectionAdded={() => void workflow.reloadCorrections()}
        />
      </div>

      <EditorDialogs
        dialog={dialog}
        editor={body.editor}
        onClose={() => setDialog(null)}
        onLeadImage={(id) => change({ leadMediaId: id, leadCaption: '', leadCredit: '' })}
        onSocialImage={(id) => change({ socialMediaId: id })}
      />
    </div>
  );
}
