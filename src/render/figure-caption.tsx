import type { Translator } from '#src/i18n/translator.ts';

/**
 * Whether a credit already says what it credits: "Фото: Айгүл Сәрсенова", "Illustration: …",
 * "Photo by …", "© Reuters". One or two words before a colon are a label (a name never ends in one);
 * such a credit is printed as written, since a second label would read "Photo: Фото: …".
 */
export function creditHasLabel(credit: string): boolean {
  return /^\s*(?:©|\(c\)|(?:photo|фото)\s+by\b|\p{L}+(?:[ -]\p{L}+)?\s*:)/iu.test(credit);
}

/** A figure's caption and credit ("Photo: …" in the page's language, unless it has its own label); nothing at all when both are empty. */
export function FigureCaption({ caption, credit, translator }: { caption: string; credit: string; translator: Translator }) {
  if (!caption && !credit) return null;
  return (
    <figcaption>
      {caption ? <span class="figure-caption">{caption}</span> : null}
      {caption && credit ? ' ' : null}
      {credit ? <span class="figure-credit">{creditHasLabel(credit) ? credit : translator.t('figure.credit', { credit })}</span> : null}
    </figcaption>
  );
}
