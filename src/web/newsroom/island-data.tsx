import { jsonForScript } from '#src/lib/script-json.ts';

/**
 * Initial data for a client island, as a JSON block (`type="application/json"` is data, not code,
 * so the CSP's `script-src 'self'` allows it). lib/script-json.ts escapes it so no text in the data can close the tag.
 */
export function IslandData({ id, data }: { id: string; data: unknown }) {
  return <script type="application/json" id={id} dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />;
}
