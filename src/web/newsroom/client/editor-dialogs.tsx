import type { Editor } from '@tiptap/core';
import { applyLink, insertEmbed, insertFigure } from './body-commands.ts';
import { EmbedDialog } from './embed-dialog.tsx';
import { LinkDialog } from './link-dialog.tsx';
import { MediaPicker } from './media-picker.tsx';
import { useIslandT } from './island-i18n.ts';
import type { Dialog } from './article-main-fields.tsx';

type EditorDialogsProps = {
  dialog: Dialog;
  editor: Editor | null;
  onClose: () => void;
  onLeadImage: (mediaId: number) => void;
  onSocialImage: (mediaId: number) => void;
};

/** The open dialog, if any: a link, an embed or a body image for the body, the lead image, or the shared link's card image. */
export function EditorDialogs({ dialog, editor, onClose, onLeadImage, onSocialImage }: EditorDialogsProps) {
  const { t } = useIslandT();
  if (dialog === 'link' && editor) {
    const done = (href: string | null) => {
      onClose();
      applyLink(editor, href);
    };
    return <LinkDialog initialHref={String(editor.getAttributes('link').href ?? '')} onDone={done} onCancel={onClose} />;
  }
  if (dialog === 'embed') {
    const done = (attrs: { url: string; title: string }) => {
      onClose();
      if (editor) insertEmbed(editor, attrs);
    };
    return <EmbedDialog onCancel={onClose} onDone={done} />;
  }
  if (dialog === 'figure' || dialog === 'lead' || dialog === 'social') {
    const pick = ({ id }: { id: number }) => {
      onClose();
      if (dialog === 'lead') onLeadImage(id);
      else if (dialog === 'social') onSocialImage(id);
      else if (editor) insertFigure(editor, id);
    };
    const title = { lead: t('editor.dialog.leadImage'), social: t('editor.dialog.socialImage'), figure: t('editor.dialog.bodyImage') }[dialog];
    return <MediaPicker key={dialog} title={title} onCancel={onClose} onPick={pick} />;
  }
  return null;
}
