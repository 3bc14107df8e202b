import { Node, mergeAttributes } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { loadMedia, mediaSrc } from './media-store.ts';
import { ATOM_BLOCK, dataTextAttribute, OWN_CONTROLS, removeNodeButton, type NodeViewOptions } from './atom-block.ts';
import type { NewsroomMessageKey } from '#src/i18n/newsroom-translator.ts';

type FigureAttrs = { mediaId: number; caption: string; credit: string; alt: string };
type TextAttr = 'caption' | 'credit' | 'alt';

const FIELDS: Array<{ key: TextAttr; label: NewsroomMessageKey; libraryKey: 'caption' | 'credit' | 'altText'; max: number }> = [
  { key: 'caption', label: 'media.caption', libraryKey: 'caption', max: 1000 },
  { key: 'credit', label: 'media.credit', libraryKey: 'credit', max: 300 },
  { key: 'alt', label: 'media.altText', libraryKey: 'altText', max: 500 },
];

let fieldCounter = 0;

/**
 * The body's `figure` node (see domain/articles/article-body.ts): an image of the media library with
 * this use's caption, credit and alt text, edited in place. Empty fields fall back to the library's
 * text, shown as the placeholder.
 */
export const FigureNode = Node.create<NodeViewOptions>({
  name: 'figure',
  ...ATOM_BLOCK,

  addOptions() {
    // Always configured by createBodyEditor with the island's messages; blank rather than a key if not.
    return { t: () => '' };
  },

  addAttributes() {
    return {
      mediaId: {
        default: null,
        parseHTML: (el) => Number(el.getAttribute('data-media-id')) || null,
        renderHTML: (attrs) => ({ 'data-media-id': attrs.mediaId }),
      },
      caption: dataTextAttribute('caption'),
      credit: dataTextAttribute('credit'),
      alt: dataTextAttribute('alt'),
    };
  },

  parseHTML() {
    return [{ tag: 'figure[data-media-id]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['figure', mergeAttributes(HTMLAttributes, { class: 'ed-figure' })];
  },

  addNodeView() {
    const { t } = this.options;
    return ({ node, getPos, editor }) => {
      let current = node;
      const dom = document.createElement('figure');
      dom.className = 'ed-figure';
      dom.contentEditable = 'false';
      dom.dataset.mediaId = String(node.attrs.mediaId);
      const img = document.createElement('img');
      img.className = 'ed-figure__img';
      img.alt = '';
      dom.append(img);
      const fields = document.createElement('div');
      fields.className = 'ed-figure__fields';
      dom.append(fields);
      const inputs = new Map<TextAttr, HTMLInputElement>();
      for (const field of FIELDS) {
        const id = `ed-figure-${++fieldCounter}`;
        const label = document.createElement('label');
        label.htmlFor = id;
        label.textContent = t(field.label);
        const input = document.createElement('input');
        input.type = 'text';
        input.id = id;
        input.maxLength = field.max;
        input.className = `ed-figure__${field.key}`;
        input.value = String(node.attrs[field.key] ?? '');
        input.addEventListener('input', () => setAttr(field.key, input.value));
        inputs.set(field.key, input);
        fields.append(label, input);
      }
      fields.append(removeNodeButton(t('editor.figure.remove'), 'nr-button nr-button--quiet nr-button--small ed-figure__remove', editor, getPos, () => current));

      function setAttr(key: TextAttr, value: string) {
        const pos = getPos();
        if (typeof pos !== 'number') return;
        editor.view.dispatch(editor.state.tr.setNodeMarkup(pos, undefined, { ...current.attrs, [key]: value }));
      }

      void loadMedia(node.attrs.mediaId as number).then((media) => {
        if (!media) {
          dom.classList.add('ed-figure--missing');
          img.replaceWith(Object.assign(document.createElement('p'), { textContent: t('editor.figure.missing', { id: String(node.attrs.mediaId) }) }));
          return;
        }
        img.src = mediaSrc(media);
        img.width = media.width;
        img.height = media.height;
        for (const field of FIELDS) inputs.get(field.key)!.placeholder = media[field.libraryKey] || '';
        img.alt = (current.attrs.alt as string) || media.altText;
      });

      return {
        dom,
        update(updated: PmNode) {
          if (updated.type.name !== 'figure' || updated.attrs.mediaId !== current.attrs.mediaId) return false;
          current = updated;
          for (const field of FIELDS) {
            const input = inputs.get(field.key)!;
            const value = String(updated.attrs[field.key] ?? '');
            if (input.value !== value && document.activeElement !== input) input.value = value;
          }
          return true;
        },
        // Typing in the caption fields is the fields' business, not ProseMirror's.
        ...OWN_CONTROLS,
      };
    };
  },
});

/** The attributes of a new figure: this use starts with empty text, i.e. the library's. */
export function figureAttrs(mediaId: number, overrides: Partial<FigureAttrs> = {}): FigureAttrs {
  return { mediaId, caption: '', credit: '', alt: '', ...overrides };
}
