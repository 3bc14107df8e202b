/** Small helpers to read server-rendered HTML in tests without a DOM. */
import { corpusFile } from '../../support/corpus.ts';

/** Decodes the entities Preact writes. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}

/** The text content of an HTML fragment: tags dropped, entities decoded. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''));
}

/** The outer HTML of the first element with this class (elements of the same tag may not nest inside it). */
export function elementByClass(html: string, className: string): string | undefined {
  const start = new RegExp(`<([a-z0-9]+)[^>]*class="(?:[^"]* )?${className}(?: [^"]*)?"[^>]*>`, 'i').exec(html);
  if (!start) return undefined;
  const tag = start[1]!;
  const close = `</${tag}>`;
  let depth = 1;
  let index = start.index + start[0].length;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  re.lastIndex = index;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(start.index, m.index + close.length);
  }
  return undefined;
}

/** Every JSON-LD document in a page. */
export function jsonLdOf(html: string): Array<Record<string, unknown>> {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}


/** The seed page's text, split into its blank-line separated blocks. */
export async function readSeedBlocks(): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(corpusFile('seed/article.txt'), 'utf8');
  return text
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
}

/**
 * Counts elements that would run script: <script> other than data blocks (JSON-LD, the quote
 * tool's JSON words: browsers never run a script whose type is a JSON MIME type) and our own files
 * under /assets/ (the view beacon, the quote tool), on*= handlers, javascript: URLs.
 */
export function activeContent(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>/gi)) if (!/^ type="application\/(?:ld\+)?json"|^ src="\/assets\/[a-z-]+\.js"/.test(m[1]!)) found.push(m[0]);
  // Tags as the browser sees them: attribute values are quoted, so scan tag by tag with quotes honoured.
  const value = `(?:\\s*=\\s*(?:"[^"]*"|'[^']*'|[^\\s>]+))?`;
  for (const m of html.matchAll(new RegExp(`<[a-zA-Z][a-zA-Z0-9-]*((?:[\\s/]+[^\\s=>/]+${value})*)[\\s/]*>`, 'g'))) {
    for (const a of m[1]!.matchAll(/[\s/]([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      if (/^on/i.test(a[1]!)) found.push(m[0]);
      if (/^(href|src|action|formaction)$/i.test(a[1]!) && /^\s*javascript:/i.test(a[2] ?? a[3] ?? a[4] ?? '')) found.push(m[0]);
    }
  }
  return found;
}
