/** Link targets an editor or a setting may use: absolute http(s) and mailto, nothing that runs code. */
export const SAFE_HREF_PATTERN = /^(https?:\/\/|mailto:)/i;

/** Whether `href` is a link target readers may be sent to (see SAFE_HREF_PATTERN). */
export function isSafeHref(href: string): boolean {
  return SAFE_HREF_PATTERN.test(href);
}
