/**
 * How readers' views are counted (ADR 0073). `server`: the article page request itself is the view,
 * counted where it is answered (the cache front or the route), and the page carries no beacon:
 * counting costs a Map increment and no request of its own. `beacon`: for a CDN in front, which
 * answers pages without Qalam seeing them: the page sends a small beacon (or, without JavaScript,
 * loads a pixel) that the CDN passes through.
 */
export const VIEW_COUNTING_MODES = ['server', 'beacon'] as const;
export type ViewCounting = (typeof VIEW_COUNTING_MODES)[number];

/** Whether `value` is one of the ways of counting views. */
export function isViewCounting(value: unknown): value is ViewCounting {
  return (VIEW_COUNTING_MODES as readonly unknown[]).includes(value);
}
