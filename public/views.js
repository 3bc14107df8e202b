// Counts one view of the article this page shows: a beacon reaches Qalam even when a CDN answers
// the page itself. Nothing about the reader is sent; the page never waits for it.
(function () {
  var script = document.currentScript;
  var id = script && script.getAttribute('data-article');
  if (!id || !navigator.sendBeacon) return;
  navigator.sendBeacon('/views', new URLSearchParams({ article: id }));
})();
