import type { Editor } from '@tiptap/core';
import { useIslandT, type IslandTranslator } from './island-i18n.ts';

type ToolbarProps = {
  editor: Editor;
  onLink: () => void;
  onImage: () => void;
  onEmbed: () => void;
};

type Tool = {
  label: string;
  /** Shown on the button (a short glyph or word); the label is its accessible name. */
  face: string;
  /** aria-keyshortcuts value, e.g. "Control+B". */
  keys?: string;
  /** For toggles: whether it is on at the cursor (aria-pressed). */
  isActive?: (editor: Editor) => boolean;
  run: () => void;
  canRun?: (editor: Editor) => boolean;
};

function toolsFor({ editor, onLink, onImage, onEmbed }: ToolbarProps, t: IslandTranslator['t']): Tool[][] {
  const chain = () => editor.chain().focus();
  const heading = (level: 2 | 3 | 4): Tool => ({
    label: t('editor.tool.heading', { level }),
    face: `H${level}`,
    keys: `Control+Alt+${level}`,
    isActive: (e) => e.isActive('heading', { level }),
    run: () => chain().toggleHeading({ level }).run(),
  });
  return [
    [
      { label: t('editor.tool.bold'), face: t('editor.tool.boldFace'), keys: 'Control+B', isActive: (e) => e.isActive('bold'), run: () => chain().toggleBold().run() },
      { label: t('editor.tool.italic'), face: t('editor.tool.italicFace'), keys: 'Control+I', isActive: (e) => e.isActive('italic'), run: () => chain().toggleItalic().run() },
      { label: t('editor.tool.link'), face: t('editor.tool.linkFace'), keys: 'Control+K', isActive: (e) => e.isActive('link'), run: onLink },
    ],
    [heading(2), heading(3), heading(4)],
    [
      {
        label: t('editor.tool.bulletList'),
        face: t('editor.tool.bulletListFace'),
        keys: 'Control+Shift+8',
        isActive: (e) => e.isActive('bulletList'),
        run: () => chain().toggleBulletList().run(),
      },
      {
        label: t('editor.tool.orderedList'),
        face: t('editor.tool.orderedListFace'),
        keys: 'Control+Shift+7',
        isActive: (e) => e.isActive('orderedList'),
        run: () => chain().toggleOrderedList().run(),
      },
      {
        label: t('editor.tool.quote'),
        face: t('editor.tool.quoteFace'),
        keys: 'Control+Shift+B',
        isActive: (e) => e.isActive('blockquote'),
        run: () => chain().toggleBlockquote().run(),
      },
      { label: t('editor.tool.rule'), face: '―', run: () => chain().setHorizontalRule().run() },
    ],
    [
      { label: t('editor.tool.image'), face: t('editor.tool.imageFace'), run: onImage },
      { label: t('editor.tool.embed'), face: t('editor.tool.embedFace'), run: onEmbed },
    ],
    [
      { label: t('editor.tool.undo'), face: t('editor.tool.undoFace'), keys: 'Control+Z', run: () => chain().undo().run(), canRun: (e) => e.can().undo() },
      { label: t('editor.tool.redo'), face: t('editor.tool.redoFace'), keys: 'Control+Shift+Z', run: () => chain().redo().run(), canRun: (e) => e.can().redo() },
    ],
  ];
}

/**
 * The body's formatting toolbar (WAI-ARIA toolbar pattern: one tab stop, arrow keys move between
 * buttons). Toggle buttons carry aria-pressed; every button names its keyboard shortcut.
 */
export function Toolbar(props: ToolbarProps) {
  const { t } = useIslandT();
  const { editor } = props;
  const groups = toolsFor(props, t);
  const onKeyDown = (event: KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    const buttons = Array.from((event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('button:not([disabled])'));
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : (index + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    buttons[next]?.focus();
    event.preventDefault();
  };
  let first = true;
  return (
    <div class="ed-toolbar" role="toolbar" aria-label={t('editor.tool.label')} aria-controls="ed-body" onKeyDown={onKeyDown}>
      {groups.map((group, i) => (
        <div class="ed-toolbar__group" role="group" key={i}>
          {group.map((tool) => {
            const tabIndex = first ? 0 : -1;
            first = false;
            return (
              <button
                key={tool.label}
                type="button"
                class="ed-tool"
                tabIndex={tabIndex}
                title={tool.keys ? `${tool.label} (${tool.keys.replace('Control', 'Ctrl')})` : tool.label}
                aria-keyshortcuts={tool.keys}
                aria-pressed={tool.isActive ? (tool.isActive(editor) ? 'true' : 'false') : undefined}
                disabled={tool.canRun ? !tool.canRun(editor) : false}
                onMouseDown={(e) => e.preventDefault()}
                onClick={tool.run}
              >
                {/* The short face is for the eye; the full name is what assistive technology reads (no aria-label, so name and text agree). */}
                <span aria-hidden="true">{tool.face}</span>
                <span class="nr-visually-hidden">{tool.label}</span>
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
