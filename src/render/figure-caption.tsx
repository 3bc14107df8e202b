import type { Translator } from '#src/i18n/translator.ts';

/** A figure's caption and credit ("Photo: …" in the page's language); nothing at all when both are empty. */
export function FigureCaption({ caption, credit, translator }: { caption: string; credit: string; translator: Translator }) {
  if (!caption && !credit) return null;
  return (
    <figcaption>
      {caption ? <span class="figure-caption">{caption}</span> : null}
      {caption && credit ? ' ' : null}
      {credit ? <span class="figure-credit">{translator.t('figure.credit', { credit })}</span> : null}
    </figcaption>
  );
}
