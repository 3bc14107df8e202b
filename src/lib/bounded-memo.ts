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
