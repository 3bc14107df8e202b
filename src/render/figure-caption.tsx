/** A figure's caption and credit; nothing at all when both are empty. */
export function FigureCaption({ caption, credit }: { caption: string; credit: string }) {
  if (!caption && !credit) return null;
  return (
    <figcaption>
      {caption ? <span class="figure-caption">{caption}</span> : null}
      {caption && credit ? ' ' : null}
      {credit ? <span class="figure-credit">Photo: {credit}</span> : null}
    </figcaption>
  );
}
