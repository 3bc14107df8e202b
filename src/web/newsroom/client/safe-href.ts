/** The link targets articleBodySchema accepts: absolute http(s) and mailto (see safeHrefSchema). */
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/** Whether an editor may link to this address. */
export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href.trim()) && href.trim().length <= 2048;
}
