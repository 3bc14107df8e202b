import { Parser } from 'htmlparser2';
import { jsonForScript } from '#src/lib/script-json.ts';

/**
 * The Kazakh Latin conversion as it was before ADR 0056 made it fast (commit 4a9dcbf), frozen: the
 * reference the faster src/i18n/kazakh-latin*.ts must match byte for byte on every page. Kept here,
 * not in src, because nothing serves it; change it never (a change to the conversion's output is a
 * change to src and to these tests' expectations, made on purpose).
 */
/** Cyrillic lower case → Latin lower case; the upper case forms are in UPPER below. */
const LOWER: Record<string, string> = {
  а: 'a', ә: 'ä', б: 'b', в: 'v', г: 'g', ғ: 'ğ', д: 'd', е: 'e', ё: 'io', ж: 'j', з: 'z',
  и: 'i', й: 'i', к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'ñ', о: 'o', ө: 'ö', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ұ: 'ū', ү: 'ü', ф: 'f', х: 'h', һ: 'h', ц: 'ts', ч: 'ch',
  ш: 'ş', щ: 'şş', ъ: '', ы: 'y', і: 'ı', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

// Written out, not derived with toUpperCase(): the table pairs i with İ and ı with I (as Turkish
// does), which JavaScript's case mapping does not know.
const UPPER_OF: Record<string, string> = { i: 'İ', ı: 'I' };
const upperLatin = (latin: string) => [...latin].map((c) => UPPER_OF[c] ?? c.toUpperCase()).join('');

/** Cyrillic capital → its Latin form in ALL CAPS and in Title case ("CH" and "Ch"). */
const UPPER = new Map<string, { caps: string; title: string }>(
  Object.entries(LOWER).map(([cyr, latin]) => {
    const caps = upperLatin(latin);
    return [cyr.toUpperCase(), { caps, title: caps.slice(0, 1) + latin.slice(1) }];
  }),
);

const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
const isUpperLetter = (c: string | undefined) => isLetter(c) && c !== c!.toLowerCase();

/** Kazakh Cyrillic text in the 2021 Latin alphabet; Latin letters, digits and punctuation pass unchanged. */
export function toKazakhLatinBefore(text: string): string {
  // Most text on a page is markup, digits or already Latin: leave it untouched, cheaply.
  if (!/[\u0400-\u04ff]/.test(text)) return text;
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const lower = LOWER[c];
    if (lower !== undefined) {
      out += lower;
      continue;
    }
    const upper = UPPER.get(c);
    if (!upper) {
      out += c;
      continue;
    }
    if (upper.caps.length <= 1) {
      out += upper.caps;
      continue;
    }
    // A capital that becomes two letters: "CH" inside a word in capitals ("ЧЕМПИОН"), "Ch" at the
    // head of a capitalised word ("Чемпион"). The next letter decides; at a word's end, the one before.
    const next = chars[i + 1];
    const allCaps = isLetter(next) ? isUpperLetter(next) : isUpperLetter(chars[i - 1]);
    out += allCaps ? upper.caps : upper.title;
  }
  return out;
}

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
    if (typeof value === 'string') return key.startsWith('@') || /^(https?:|\/)/i.test(value) ? value : toKazakhLatinBefore(value);
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
export function kazakhLatinHtmlBefore(html: string): string {
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
          const text = raw.includes('&') ? `${raw.slice(0, raw.indexOf('='))}="${escapeAttribute(toKazakhLatinBefore(attribute.value))}"` : toKazakhLatinBefore(raw);
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
        edits.push({ start, end, text: raw === data ? toKazakhLatinBefore(raw) : escapeText(toKazakhLatinBefore(data)) });
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
