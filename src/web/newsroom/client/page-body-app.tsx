import { useMemo, useState } from 'preact/hooks';
import { EditorDialogs } from './editor-dialogs.tsx';
import { IslandI18n, islandTranslator, useIslandT } from './island-i18n.ts';
import { Toolbar } from './toolbar.tsx';
import { useBodyEditor } from './use-body-editor.ts';
import type { Dialog } from './article-main-fields.tsx';
import type { PageBodyBootData } from './types.ts';

/** The static page body island, in the user's newsroom language. */
export function PageBodyApp({ boot, field }: { boot: PageBodyBootData; field: HTMLInputElement }) {
  const translator = useMemo(() => islandTranslator(boot.i18n), [boot.i18n]);
  return (
    <IslandI18n.Provider value={translator}>
      <PageBody boot={boot} field={field} />
    </IslandI18n.Provider>
  );
}

/**
 * The body editor of the page form: the same editor, toolbar and dialogs (links, images from the
 * library, embeds) as an article's. Each change is written into the form's hidden `body` field, so
 * the form posts the document as the server checks it (the article body's schema); saving is the form's.
 */
function PageBody({ boot, field }: { boot: PageBodyBootData; field: HTMLInputElement }) {
  const { t } = useIslandT();
  const [dialog, setDialog] = useState<Dialog>(null);
  const body = useBodyEditor({
    initial: boot.body,
    editable: true,
    t,
    onChange: (document) => {
      field.value = JSON.stringify(document);
    },
    onLinkShortcut: () => setDialog('link'),
  });
  return (
    <div class="ed-bodyfield">
      {body.editor ? <Toolbar editor={body.editor} onLink={() => setDialog('link')} onImage={() => setDialog('figure')} onEmbed={() => setDialog('embed')} /> : null}
      <div ref={body.host} class="ed-bodyhost" />
      <EditorDialogs dialog={dialog} editor={body.editor} onClose={() => setDialog(null)} onLeadImage={() => undefined} onSocialImage={() => undefined} />
    </div>
  );
}
