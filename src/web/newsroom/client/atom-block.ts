import type { Editor } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import type { IslandTranslator } from './island-i18n.ts';

/** What a body atom's node view is configured with: the island's messages, for its labels and buttons. */
export type NodeViewOptions = { t: IslandTranslator['t'] };

/** What every body atom (figure, embed) is: a block moved and selected as a whole, never typed into. */
export const ATOM_BLOCK = { group: 'block', atom: true, draggable: true, selectable: true } as const;

/** A text attribute carried in the node's HTML as `data-<name>` (the editor's clipboard). */
export function dataTextAttribute(name: string) {
  return {
    default: '',
    parseHTML: (element: HTMLElement) => element.getAttribute(`data-${name}`) ?? '',
    renderHTML: (attrs: Record<string, unknown>) => ({ [`data-${name}`]: attrs[name] }),
  };
}

/** A button of a node view that deletes its node (the node as it is now: `current`). */
export function removeNodeButton(label: string, className: string, editor: Editor, getPos: () => number | undefined, current: () => PmNode): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.textContent = label;
  button.addEventListener('click', () => {
    const pos = getPos();
    if (typeof pos === 'number') editor.chain().focus().deleteRange({ from: pos, to: pos + current().nodeSize }).run();
  });
  return button;
}

/** Node-view behaviour of atoms with their own controls: typing and clicks there are theirs, not ProseMirror's. */
export const OWN_CONTROLS = {
  stopEvent: (event: Event) => event.target instanceof HTMLInputElement || event.target instanceof HTMLButtonElement,
  ignoreMutation: () => true,
};
