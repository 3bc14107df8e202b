/**
 * A WordPress post body as WordPress itself would have shown it, but in plain HTML our converter
 * reads: Gutenberg's block comments resolved (an embed becomes an embed marker, a dynamic block
 * with no HTML of its own is dropped and named), the classic editor's paragraphs made explicit
 * (WordPress adds them at display time, "wpautop"), and the shortcodes we understand ([caption],
 * [gallery], [embed], [audio], [video]) turned into elements. Everything else is named in `dropped`.
 */

/** The body as HTML, and what could not be carried over. */
export type WordPressHtml = { html: string; dropped: string[] };

/** Attribute text of a shortcode or an HTML tag: key="value", key='value', key=value. */
function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const pattern = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g;
  for (const match of text.matchAll(pattern)) attributes[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
  // Positional values ([audio https://…]) are named by their place: '0', '1', …
  text.replace(pattern, ' ').trim().split(/\s+/).filter(Boolean).forEach((value, index) => (attributes[String(index)] = value.replace(/^["']|["']$/g, '')));
  return attributes;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An embed marker the converter turns into an embed block (a link card). */
export function embedMarker(url: string): string {
  return `<div data-embed="1" data-url="${escapeAttribute(url.trim())}"></div>`;
}

/** A gallery or caption image known only by its attachment id. */
function attachmentImage(id: string): string {
  return `<figure><img data-attachment="${escapeAttribute(id)}"></figure>`;
}

const BLOCK_COMMENT = /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)(\s+(\{[\s\S]*?\}))?\s+(\/)?-->/g;

/** Blocks that are markers with no content: dropped silently (a "read more" break is not content). */
const SILENT_BLOCKS = new Set(['more', 'nextpage', 'spacer', 'separator']);

/**
 * Resolves Gutenberg's block comments. Embeds (core/embed and the older core-embed/*) carry their URL
 * in the comment: they become markers. A self-closing block (latest posts, archives, a calendar) is
 * rendered by PHP at display time and has no HTML here: it is dropped and named. The other comments
 * are removed, leaving the block's saved HTML, which the converter reads like any other.
 */
function resolveBlocks(content: string, dropped: string[]): string {
  let embedDepth = 0;
  return content.replace(BLOCK_COMMENT, (_whole, closing: string | undefined, name: string, _attrs: string | undefined, json: string | undefined, selfClosing: string | undefined) => {
    const isEmbed = name === 'embed' || name.startsWith('core-embed/') || name === 'core/embed';
    if (closing) {
      if (isEmbed && embedDepth > 0) {
        embedDepth--;
        return '<!--/qalam-embed-->';
      }
      return '';
    }
    if (isEmbed) {
      let url = '';
      try {
        url = String((JSON.parse(json ?? '{}') as { url?: unknown }).url ?? '');
      } catch {
        url = '';
      }
      if (!selfClosing) embedDepth++;
      return `${url ? embedMarker(url) : ''}${selfClosing ? '' : '<!--qalam-embed-->'}`;
    }
    if (selfClosing && !SILENT_BLOCKS.has(name)) dropped.push(`block wp:${name}`);
    return '';
  });
}

/** The embed's own saved HTML (its URL again, in a wrapper) is replaced by the marker already placed. */
function dropEmbedWrappers(html: string): string {
  return html.replace(/<!--qalam-embed-->[\s\S]*?<!--\/qalam-embed-->/g, '');
}

const BLOCK_TAG = /^<\/?(p|div|h[1-6]|ul|ol|li|blockquote|pre|table|thead|tbody|tr|td|th|figure|figcaption|hr|dl|dt|dd|section|article|aside|header|footer|address|form|fieldset|iframe|object|script|style|!--)/i;

/**
 * WordPress's wpautop, simplified: text separated by a blank line is a paragraph, a single line
 * break is a <br>, and a chunk that starts with a block element is left as it is. A line holding
 * nothing but a URL is an auto-embed (WordPress's oEmbed), as it would have been shown.
 */
function autoParagraphs(content: string): string {
  return content
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => {
      if (/^https?:\/\/[^\s<>"]+$/.test(chunk)) return embedMarker(chunk);
      if (BLOCK_TAG.test(chunk) || chunk.startsWith('[')) return chunk;
      return `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`;
    })
    .join('\n');
}

type Shortcode = { name: string; attributes: Record<string, string>; inner: string | null };

/** Shortcodes WordPress core registers and we turn into blocks. */
const HANDLED = new Set(['caption', 'wp_caption', 'gallery', 'embed', 'audio', 'video', 'playlist']);

function renderShortcode(code: Shortcode, context: ShortcodeContext, dropped: string[]): string {
  const { name, attributes, inner } = code;
  switch (name) {
    case 'caption':
    case 'wp_caption': {
      const body = inner ?? '';
      const image = body.match(/<img\b[^>]*>/i)?.[0] ?? '';
      const caption = (attributes.caption ?? body.replace(/<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/gi, '')).trim();
      const attachment = attributes.id?.match(/(\d+)$/)?.[1];
      const img = attachment && image ? image.replace(/^<img/i, `<img data-attachment="${attachment}"`) : image;
      return `<figure>${img}<figcaption>${caption}</figcaption></figure>`;
    }
    case 'gallery': {
      const ids = (attributes.ids ?? attributes.include ?? '').split(',').map((id) => id.trim()).filter((id) => /^\d+$/.test(id));
      const chosen = ids.length > 0 ? ids : context.attachmentsOfPost();
      if (chosen.length === 0) dropped.push('shortcode [gallery] (no images)');
      return chosen.map(attachmentImage).join('');
    }
    case 'embed': {
      const url = (inner ?? attributes.src ?? attributes['0'] ?? '').trim();
      return /^https?:\/\//.test(url) ? embedMarker(url) : '';
    }
    case 'audio':
    case 'video': {
      const url = attributes.src ?? attributes.mp3 ?? attributes.mp4 ?? attributes.m4a ?? attributes.ogg ?? attributes.webm ?? attributes['0'] ?? (inner ?? '').trim();
      if (/^https?:\/\//.test(url)) return embedMarker(url);
      dropped.push(`shortcode [${name}]`);
      return '';
    }
    default:
      dropped.push(`shortcode [${name}]`);
      return inner ?? '';
  }
}

/** What a shortcode may need from the post it sits in. */
export type ShortcodeContext = {
  /** Ids of the attachments uploaded to this post, for a [gallery] that names none. */
  attachmentsOfPost(): string[];
};

const SHORTCODE_OPEN = /\[(\[?)([a-zA-Z_][\w-]*)((?:\s+[^\]]*?)?)(\/?)\](\]?)/g;

/**
 * Replaces shortcodes, left to right. A shortcode is a bracketed name that has a closing tag, or
 * attributes, or is one WordPress core registers: a bare "[sic]" or "[1]" in a sentence is text, as
 * WordPress shows an unregistered one. [[name]] is WordPress's escape for a literal shortcode.
 */
function replaceShortcodes(content: string, context: ShortcodeContext, dropped: string[], depth = 0): string {
  let out = '';
  let cursor = 0;
  SHORTCODE_OPEN.lastIndex = 0;
  for (let match = SHORTCODE_OPEN.exec(content); match; match = SHORTCODE_OPEN.exec(content)) {
    const [whole, escapeOpen, rawName, rawAttributes, selfClose, escapeClose] = match;
    const name = rawName!.toLowerCase();
    const start = match.index;
    if (escapeOpen && escapeClose) {
      out += content.slice(cursor, start) + whole.slice(1, -1);
      cursor = start + whole.length;
      continue;
    }
    const closeTag = `[/${rawName}]`;
    const closeAt = selfClose ? -1 : content.indexOf(closeTag, start + whole.length);
    const hasAttributes = /=/.test(rawAttributes ?? '');
    if (closeAt < 0 && !hasAttributes && !HANDLED.has(name)) continue;
    const inner = closeAt >= 0 ? content.slice(start + whole.length, closeAt) : null;
    const end = closeAt >= 0 ? closeAt + closeTag.length : start + whole.length;
    const innerDone = inner !== null && depth < 5 && name !== 'embed' ? replaceShortcodes(inner, context, dropped, depth + 1) : inner;
    out += content.slice(cursor, start) + renderShortcode({ name, attributes: parseAttributes(rawAttributes ?? ''), inner: innerDone }, context, dropped);
    cursor = end;
    SHORTCODE_OPEN.lastIndex = end;
  }
  return out + content.slice(cursor);
}

/** A WordPress body (block or classic) as HTML for html-to-blocks, with what was dropped on the way. */
export function wordpressBodyToHtml(content: string, context: ShortcodeContext): WordPressHtml {
  const dropped: string[] = [];
  const isBlockMarkup = content.includes('<!-- wp:');
  let html = isBlockMarkup ? dropEmbedWrappers(resolveBlocks(content, dropped)) : autoParagraphs(content);
  html = replaceShortcodes(html, context, dropped);
  return { html, dropped };
}
