import { Editor, Extension } from '@tiptap/core';
import { StarterKit } from '@tiptap/starter-kit';
import type { ArticleBody } from '#src/domain/articles/article-body.ts';
import { FigureNode } from './figure-node.ts';
import { EmbedNode } from './embed-node.ts';
import { isSafeHref } from '#src/lib/safe-href.ts';
import { cleanPastedHtml } from './pasted-html.ts';
import type { IslandTranslator } from './island-i18n.ts';

export type BodyEditorOptions = {
  element: HTMLElement;
  content: ArticleBody;
  /** Called after every change of the document. */
  onChange: (editor: Editor) => void;
  /** Called after every transaction (selection moves too), so the toolbar can follow. */
  onTransaction: (editor: Editor) => void;
  /** Ctrl/Cmd+K: open the link dialog. */
  onLinkShortcut: () => void;
  /** The island's messages: the body's accessible name and the figure and embed controls. */
  t: IslandTranslator['t'];
};

/**
 * The article body editor: exactly the node and mark types of articleBodySchema
 * (domain/articles/article-body.ts). StarterKit parts the schema has no place for are left out
 * (code blocks); links accept http, https and mailto only, whether typed, pasted or auto-linked.
 */
export function createBodyEditor(options: BodyEditorOptions): Editor {
  const LinkShortcut = Extension.create({
    name: 'qalamLinkShortcut',
    addKeyboardShortcuts() {
      return {
        'Mod-k': () => {
          options.onLinkShortcut();
          return true;
        },
      };
    },
  });
  return new Editor({
    element: options.element,
    content: options.content,
    // TipTap would add a <style> element, which the CSP (style-src 'self') refuses: its rules live in newsroom-editor.css.
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        codeBlock: false,
        heading: { levels: [2, 3, 4] },
        link: {
          openOnClick: false,
          autolink: true,
          linkOnPaste: true,
          defaultProtocol: 'https',
          protocols: ['mailto'],
          isAllowedUri: (url) => isSafeHref(url),
          HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
        },
      }),
      FigureNode.configure({ t: options.t }),
      EmbedNode.configure({ t: options.t }),
      LinkShortcut,
    ],
    editorProps: {
      transformPastedHTML: cleanPastedHtml,
      attributes: {
        class: 'ed-body',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': options.t('editor.bodyLabel'),
        spellcheck: 'true',
      },
    },
    onUpdate: ({ editor }) => options.onChange(editor),
    onTransaction: ({ editor }) => options.onTransaction(editor),
  });
}

/** The editor's document as an article body (what the API stores). */
export function bodyOf(editor: Editor): ArticleBody {
  return editor.getJSON() as ArticleBody;
}
