/**
 * Initial data for a client island, as a JSON block (`type="application/json"` is data, not code,
 * so the CSP's `script-src 'self'` allows it). `<` is escaped so no text in the data can close the tag.
 */
export function IslandData({ id, data }: { id: string; data: unknown }) {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return <script type="application/json" id={id} dangerouslySetInnerHTML={{ __html: json }} />;
}
