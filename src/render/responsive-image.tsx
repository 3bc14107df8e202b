import type { MediaView } from '#src/domain/media/media-repository.ts';

type Props = {
  media: MediaView;
  alt: string;
  /** The `sizes` attribute: how wide the image is drawn at each viewport width. */
  sizes: string;
  /** Lazy for images below the fold; the lead image loads eagerly (it is the LCP element). */
  lazy: boolean;
  className?: string;
};

function srcset(variants: MediaView['variants']): string {
  return variants.map((v) => `${v.url} ${v.width}w`).join(', ');
}

/**
 * An image with WebP and JPEG/PNG srcsets from the media variants, and the original's width and
 * height so the browser reserves its box before it loads (no layout shift).
 */
export function ResponsiveImage({ media, alt, sizes, lazy, className }: Props) {
  const webp = media.variants.filter((v) => v.format === 'webp');
  const fallback = media.variants.filter((v) => v.format !== 'webp');
  const fallbackSrc = fallback.at(-1)?.url ?? media.url;
  const img = (
    <img
      src={fallbackSrc}
      srcset={fallback.length > 0 ? srcset(fallback) : undefined}
      sizes={fallback.length > 0 ? sizes : undefined}
      width={media.width}
      height={media.height}
      alt={alt}
      loading={lazy ? 'lazy' : undefined}
      decoding={lazy ? 'async' : undefined}
      fetchpriority={lazy ? undefined : 'high'}
      class={className}
    />
  );
  if (webp.length === 0) return img;
  return (
    <picture>
      <source type="image/webp" srcset={srcset(webp)} sizes={sizes} />
      {img}
    </picture>
  );
}
