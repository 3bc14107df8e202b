import { useEffect, useRef, useState } from 'preact/hooks';
import type { Editor } from '@tiptap/core';
import { bodyOf, createBodyEditor } from './body-editor.ts';
import type { ArticleBody } from '#src/domain/articles/article-body.ts';
import type { IslandTranslator } from './island-i18n.ts';

type BodyEditorHookOptions = {
  /** The body the editor opens with. */
  initial: ArticleBody;
  /** Whether typing is allowed: the user's right, and no conflict waiting for a choice. */
  editable: boolean;
  /** The island's messages (the body's name, the figure and embed controls). */
  t: IslandTranslator['t'];
  onChange: (body: ArticleBody) => void;
  /** Ctrl/Cmd+K: open the link dialog. */
  onLinkShortcut: () => void;
};

/** Mounts the TipTap body editor once into `host`; the component re-renders on every transaction so the toolbar follows the cursor. */
export function useBodyEditor({ initial, editable, t, onChange, onLinkShortcut }: BodyEditorHookOptions) {
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!host.current) return;
    const instance = createBodyEditor({
      element: host.current,
      content: initial,
      onChange: (ed) => onChange(bodyOf(ed)),
      onTransaction: () => setTick((tick) => tick + 1),
      onLinkShortcut,
      t,
    });
    // No update event: making the editor read-only is not an edit (it would start a needless autosave).
    instance.setEditable(editable, false);
    instance.view.dom.id = 'ed-body';
    setEditor(instance);
    return () => instance.destroy();
  }, []);
  useEffect(() => {
    editor?.setEditable(editable, false);
  }, [editor, editable]);
  return { host, editor };
}
