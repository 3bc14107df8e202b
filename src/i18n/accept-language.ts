/**
 * The reader's preferred language among ours, from an Accept-Language header (RFC 9110 §12.5.4:
 * language ranges with q-values; "*" matches any; q=0 means "not acceptable"). A range matches a
 * tag that equals it or starts with it and a hyphen (RFC 4647 basic filtering: "kk" matches
 * kk-Latn); and since we publish "ru", not "ru-RU", a reader who asks for "ru-RU" reads "ru".
 */

type Range = { tag: string; q: number; order: number };

function parseRanges(header: string): Range[] {
  const ranges: Range[] = [];
  header.split(',').forEach((item, order) => {
    const [rawTag, ...params] = item.trim().split(';');
    const tag = rawTag!.trim().toLowerCase();
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(tag)) return;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.trim().split('=');
      if (name?.trim().toLowerCase() !== 'q') continue;
      q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value?.trim() ?? '') ? Number(value) : -1;
    }
    if (q >= 0) ranges.push({ tag, q, order });
  });
  return ranges;
}

/**
 * How closely a range names a code: 3 exactly, 2 a more specific range of it ("ru-RU" for ru),
 * 1 a broader one ("kk" for kk-Latn), 0 the wildcard, -1 not at all.
 */
function closeness(range: string, code: string): number {
  const tag = code.toLowerCase();
  if (range === tag) return 3;
  if (range.startsWith(`${tag}-`)) return 2;
  if (tag.startsWith(`${range}-`)) return 1;
  return range === '*' ? 0 : -1;
}

/** The available code the header prefers most, or null when none is acceptable or the header is unreadable. */
export function preferredLanguage<Code extends string>(acceptLanguageHeader: string | undefined, availableCodes: readonly Code[]): Code | null {
  if (!acceptLanguageHeader) return null;
  const ranges = parseRanges(acceptLanguageHeader);
  let best: { code: Code; q: number; closeness: number; order: number } | null = null;
  for (const code of availableCodes) {
    // The range that names a code most closely sets its quality: "kk, kk-Latn;q=0" refuses kk-Latn
    // and keeps kk; "*" speaks only for codes no range names.
    let decisive: { range: Range; closeness: number } | null = null;
    for (const range of ranges) {
      const c = closeness(range.tag, code);
      if (c >= 0 && (!decisive || c > decisive.closeness)) decisive = { range, closeness: c };
    }
    if (!decisive || decisive.range.q === 0) continue;
    const candidate = { code, q: decisive.range.q, closeness: decisive.closeness, order: decisive.range.order };
    // Higher quality wins; then the closer match; then the range the reader listed first.
    const better =
      !best ||
      candidate.q > best.q ||
      (candidate.q === best.q && (candidate.closeness > best.closeness || (candidate.closeness === best.closeness && candidate.order < best.order)));
    if (better) best = candidate;
  }
  return best?.code ?? null;
}
