/**
 * Counts a reader's view of an article: with JavaScript a deferred beacon (public/views.js), and
 * without it a 1×1 image that only browsers not running scripts load, so a view counts once.
 */
export function ViewBeacon({ articleId }: { articleId: number }) {
  return (
    <>
      <script src="/assets/views.js" defer data-article={String(articleId)} />
      <noscript>
        <img src={`/views/${articleId}.gif`} alt="" width="1" height="1" class="view-pixel" />
      </noscript>
    </>
  );
}
