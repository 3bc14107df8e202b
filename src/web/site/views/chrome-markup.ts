import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { SiteChromeData } from '#src/domain/articles/published-articles.ts';

/**
 * The HTML of the parts of the site's header and footer that depend only on the chrome (settings,
 * sections, menus, logo), the page's language and which section or static page is current, by
 * `key`, for each chrome. The published read path hands every page of a language the same chrome
 * object until an event changes it (read-memo.ts), and a changed chrome is a new object: its parts
 * are drawn again from the same components, and the old ones leave with it. Every uncached page
 * drew these parts anew: a third of an article page's elements, the same on each.
 */
const partsByChrome = new WeakMap<SiteChromeData, Map<string, string>>();

/** The HTML of `draw()` for `chrome`, drawn once per chrome and `key` (which must name everything else `draw` reads). */
export function chromeMarkup(chrome: SiteChromeData, key: string, draw: () => VNode): string {
  let parts = partsByChrome.get(chrome);
  if (!parts) partsByChrome.set(chrome, (parts = new Map()));
  let html = parts.get(key);
  if (html === undefined) {
    html = renderToString(draw());
    parts.set(key, html);
  }
  return html;
}
