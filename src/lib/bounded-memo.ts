/**
 * Puts `value` under `key` in a memo that must not grow without bound: a memo already holding
 * `limit` entries is emptied first and starts again. For memos of values that repeat (a reader's
 * User-Agent, an Accept-Encoding, a day's date names, a zone's offset), where dropping everything
 * at once costs only recomputing the few in use, and a client making up keys cannot grow memory.
 */
export function rememberBounded<K, V>(memo: Map<K, V>, limit: number, key: K, value: V): void {
  if (memo.size >= limit) memo.clear();
  memo.set(key, value);
}

/**
 * The value under `key`, computed by `compute(key)` and remembered (rememberBounded) the first time.
 * For values that cannot be undefined: an undefined entry reads as absent.
 */
export function rememberedOr<K, V>(memo: Map<K, V>, limit: number, key: K, compute: (key: K) => V): V {
  let value = memo.get(key);
  if (value === undefined) rememberBounded(memo, limit, key, (value = compute(key)));
  return value;
}
