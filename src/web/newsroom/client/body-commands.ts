import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { figureAttrs } from './figure-node.ts';

/** Sets, changes or (with null) removes the link at the selection; with nothing selected, inserts the address as a link. */
export function applyLink(editor: Editor, href: string | null): void {
  const chain = editor.chain().focus().extendMarkRange('link');
  if (href === null) chain.unsetLink().run();
  else if (editor.state.selection.empty && !editor.isActive('link')) {
    editor.chain().focus().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
  } else {
    // The caret goes after the link (as in word processors): a selection left standing would be replaced by the next key.
    chain
      .setLink({ href })
      .command(({ tr }) => {
        tr.setSelection(TextSelection.create(tr.doc, tr.selection.to));
        return true;
      })
      .run();
  }
}

/** Inserts a media-library image as a figure at the cursor. */
export function insertFigure(editor: Editor, mediaId: number): void {
  editor.chain().focus().insertContent({ type: 'figure', attrs: figureAttrs(mediaId) }).run();
}

/** Inserts an outside item (video, post) as a link card at the cursor. */
export function insertEmbed(editor: Editor, attrs: { url: string; title: string }): void {
  editor.chain().focus().insertContent({ type: 'embed', attrs }).run();
}
