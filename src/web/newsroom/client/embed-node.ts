import { Node, mergeAttributes } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { ATOM_BLOCK, dataTextAttribute, OWN_CONTROLS, removeNodeButton, type NodeViewOptions } from './atom-block.ts';

/**
 * The body's `embed` node: an outside item (a video, a post) shown as a link card. No third-party
 * script runs, in the editor or on the site.
 */
export const EmbedNode = Node.create<NodeViewOptions>({
  name: 'embed',
  ...ATOM_BLOCK,

  addOptions() {
    // Always configured by createBodyEditor with the island's messages; blank rather than a key if not.
    return { t: () => '' };
  },

  addAttributes() {
    return {
      url: dataTextAttribute('url'),
      title: dataTextAttribute('title'),
    };
  },

  parseHTML() {
    return [{ tag: 'div[data-embed]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { 'data-embed': '', class: 'ed-embed' })];
  },

  addNodeView() {
    const { t } = this.options;
    return ({ node, getPos, editor }) => {
      let current = node;
      const dom = document.createElement('div');
      dom.className = 'ed-embed';
      dom.contentEditable = 'false';
      const kind = document.createElement('span');
      kind.className = 'ed-embed__kind';
      kind.textContent = t('editor.embed.kind');
      const link = document.createElement('a');
      link.className = 'ed-embed__link';
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      const host = document.createElement('span');
      host.className = 'ed-embed__host';
      const remove = removeNodeButton(t('editor.embed.remove'), 'nr-button nr-button--quiet nr-button--small', editor, getPos, () => current);
      dom.append(kind, link, host, remove);
      const paint = (n: PmNode) => {
        const url = String(n.attrs.url);
        link.href = url;
        link.textContent = String(n.attrs.title) || url;
        try {
          host.textContent = new URL(url).host;
        } catch {
          host.textContent = '';
        }
      };
      paint(node);
      return {
        dom,
        update(updated: PmNode) {
          if (updated.type.name !== 'embed') return false;
          current = updated;
          paint(updated);
          return true;
        },
        ...OWN_CONTROLS,
      };
    };
  },
});
