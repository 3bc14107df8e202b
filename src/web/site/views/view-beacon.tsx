import { htmlAttribute } from '#src/render/html-escape.ts';
import { trustedHtml } from '#src/render/trusted-html.ts';

/**
 * Counts a reader's view of an article: with JavaScript a deferred beacon (public/views.js), and
 * without it a 1×1 image that only browsers not running scripts load, so a view counts once.
 * Written as a string (ADR 0068), the bytes Preact wrote for the same elements (an empty alt as a bare name).
 */
export function ViewBeacon({ articleId }: { articleId: number }) {
  return trustedHtml(
    `<script src="/assets/views.js" defer${htmlAttribute('data-article', String(articleId))}></script>` +
      `<noscript><img${htmlAttribute('src', `/views/${articleId}.gif`)} alt width="1" height="1" class="view-pixel"/></noscript>`,
  );
}
