import { Parser } from 'htmlparser2';
import { jsonForScript } from '#src/lib/script-json.ts';
import { toKazakhLatin } from './kazakh-latin.ts';

/** Attributes people read (the rest are names, URLs, tokens: never converted). */
const READABLE_ATTRIBUTES = new Set(['alt', 'title', 'aria-label', 'aria-description', 'placeholder']);
/** <meta property=…> whose content is text for people (Open Graph). */
const READABLE_META_PROPERTIES = new Set(['og:title', 'og:description', 'og:site_name', 'og:image:alt']);

const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * Whether an element's lang attribute asks for its content in Kazakh Latin (kk, kk-Latn, kk-KZ…):
 * anything else is left alone, and so is Kazakh marked as Cyrillic (kk-Cyrl: the switcher's «Қазақша»).
 */
const isKazakhLang = (lang: string) => /^kk(-|$)/i.test(lang.trim()) && !/-cyrl(-|$)/i.test(lang.trim());

function isReadableMeta(attribs: Record<string, string>): boolean {
  const name = attribs.name?.toLowerCase();
  if (name === 'description' || name?.startsWith('twitter:')) return true;
  return READABLE_META_PROPERTIES.has(attribs.property?.toLowerCase() ?? '');
}

const escapeText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replaceAll('"', '&quot;');

/** JSON-LD with its text values in Latin script; keys, @-values and URLs stay as they are. */
function convertJsonLd(source: string): string | null {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    return null;
  }
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return key.startsWith('@') || /^(https?:|\/)/i.test(value) ? value : toKazakhLatin(value);
    if (Array.isArray(value)) return value.map((item) => walk(item, key));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return jsonForScript(walk(data, ''));
}

type Edit = { start: number; end: number; text: string };
type Open = { name: string; convert: boolean; /** Where a script's content starts, for JSON-LD. */ contentStart?: number; isJsonLd?: boolean; isRawText?: boolean };

/**
 * A rendered page with its Kazakh text in the Latin alphabet of 2021: text nodes, the attributes
 * people read and JSON-LD strings, but never URLs, styles or scripts, and nothing inside an element
 * whose lang is another language (the switcher's «Русский» stays Cyrillic). The parser only finds
 * ranges; the original HTML is spliced, so everything else stays byte for byte.
 */
export function kazakhLatinHtml(html: string): string {
  if (!CYRILLIC.test(html)) return html;
  const edits: Edit[] = [];
  const stack: Open[] = [];
  let attributes: Array<{ name: string; value: string; start: number; end: number }> = [];
  const parser: Parser = new Parser(
    {
      onopentagname() {
        attributes = [];
      },
      onattribute(name, value) {
        // [startIndex, endIndex) is `name="value"` as written.
        attributes.push({ name, value, start: parser.startIndex, end: parser.endIndex });
      },
      onopentag(name, attribs) {
        const parent = stack.at(-1);
        const convert = attribs.lang !== undefined ? isKazakhLang(attribs.lang) : (parent?.convert ?? true);
        const isScript = name === 'script';
        const isJsonLd = isScript && attribs.type?.trim().toLowerCase() === 'application/ld+json';
        stack.push({ name, convert, contentStart: parser.endIndex + 1, isJsonLd, isRawText: (isScript && !isJsonLd) || name === 'style' });
        if (!convert) return;
        for (const attribute of attributes) {
          const readable = READABLE_ATTRIBUTES.has(attribute.name) || (name === 'meta' && attribute.name === 'content' && isReadableMeta(attribs));
          if (!readable || !CYRILLIC.test(attribute.value)) continue;
          const raw = html.slice(attribute.start, attribute.end);
          // Written with entities (&#1179;), the Cyrillic is not in the source text: write the value anew.
          const text = raw.includes('&') ? `${raw.slice(0, raw.indexOf('='))}="${escapeAttribute(toKazakhLatin(attribute.value))}"` : toKazakhLatin(raw);
          edits.push({ start: attribute.start, end: attribute.end, text });
        }
      },
      ontext(data) {
        const open = stack.at(-1);
        if (open && (!open.convert || open.isRawText || open.isJsonLd)) return;
        if (!CYRILLIC.test(data)) return;
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        const raw = html.slice(start, end);
        // A chunk is either plain text as written or one entity the parser decoded.
        edits.push({ start, end, text: raw === data ? toKazakhLatin(raw) : escapeText(toKazakhLatin(data)) });
      },
      onclosetag() {
        const open = stack.pop();
        if (open?.isJsonLd && open.convert && open.contentStart !== undefined) {
          const source = html.slice(open.contentStart, parser.startIndex);
          const converted = CYRILLIC.test(source) ? convertJsonLd(source) : null;
          if (converted !== null) edits.push({ start: open.contentStart, end: parser.startIndex, text: converted });
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    if (edit.start < at) continue;
    out += html.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + html.slice(at);
}
