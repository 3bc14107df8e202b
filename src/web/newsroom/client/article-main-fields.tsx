import type { Ref } from 'preact';
import type { Editor } from '@tiptap/core';
import { useMemo } from 'preact/hooks';
import { bodyToPlainText, countWords, readingMinutes } from '#src/domain/articles/body-text.ts';
import { useIslandT } from './island-i18n.ts';
import { TextField } from './text-field.tsx';
import { Toolbar } from './toolbar.tsx';
import type { ArticleDraft } from './types.ts';
import { ARTICLE_LIMITS } from '#src/domain/articles/article-fields.ts';

/** Which dialog of the body editor is open. */
export type Dialog = null | 'link' | 'embed' | 'figure' | 'lead' | 'social';

type MainFieldsProps = {
  draft: ArticleDraft;
  readOnly: boolean;
  /** The field the server named when a save failed. */
  fieldError: string | undefined;
  editor: Editor | null;
  bodyHost: Ref<HTMLDivElement>;
  onTitle: (title: string) => void;
  onChange: (patch: Partial<ArticleDraft>) => void;
  onDialog: (dialog: Dialog) => void;
};

/** Title, standfirst and the body with its toolbar, word count and reading time. */
export function ArticleMainFields({ draft, readOnly, fieldError, editor, bodyHost, onTitle, onChange, onDialog }: MainFieldsProps) {
  // Live word count and reading time: the same modules the server uses.
  const { t, rich } = useIslandT();
  const words = useMemo(() => countWords(bodyToPlainText(draft.body)), [draft.body]);
  return (
    <div class="ed-main nr-card">
      <TextField
        id="ed-title"
        class="ed-title"
        label={t('editor.field.title')}
        rows={2}
        maxLength={ARTICLE_LIMITS.title}
        value={draft.title}
        readOnly={readOnly}
        invalid={fieldError === 'title'}
        onInput={(value) => onTitle(value.replace(/\n/g, ' '))}
      />
      <TextField
        id="ed-standfirst"
        class="ed-standfirst"
        label={t('editor.field.standfirst')}
        rows={2}
        maxLength={ARTICLE_LIMITS.standfirst}
        value={draft.standfirst}
        readOnly={readOnly}
        onInput={(value) => onChange({ standfirst: value })}
      />
      <div class="ed-bodyfield">
        <span class="nr-label" id="ed-body-label">
          {t('editor.field.body')}
        </span>
        {editor && !readOnly ? (
          <Toolbar editor={editor} onLink={() => onDialog('link')} onImage={() => onDialog('figure')} onEmbed={() => onDialog('embed')} />
        ) : null}
        <div ref={bodyHost} class="ed-bodyhost" />
        <p class="ed-count nr-muted nr-small" aria-live="polite">
          {rich('editor.wordCount', { count: words, words: <span id="ed-words">{words}</span>, minutes: readingMinutes(words) })}
        </p>
      </div>
    </div>
  );
}
