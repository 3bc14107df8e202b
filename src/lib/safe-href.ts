/** Link targets an editor or a setting may use: absolute http(s) and mailto, nothing that runs code. */
export const SAFE_HREF_PATTERN = /^(https?:\/\/|mailto:)/i;

/** Longest link target we keep (characters): what browsers and crawlers handle everywhere. */
export const MAX_HREF_LENGTH = 2048;

/**
 * Whether `href` is a link target readers may be sent to (see SAFE_HREF_PATTERN), as the server
 * stores it and as the editor offers it: surrounding spaces ignored, at most MAX_HREF_LENGTH.
 */
export function isSafeHref(href: string): boolean {
  const target = href.trim();
  return SAFE_HREF_PATTERN.test(target) && target.length <= MAX_HREF_LENGTH;
}
