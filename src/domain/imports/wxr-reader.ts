import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ImportRefused } from './import-errors.ts';

/**
 * A streaming reader of WordPress eXtended RSS (WXR 1.0–1.2, with the wp: namespace under http://
 * or https://). The file is read in chunks through saxes and each author, term and item is handed
 * on as soon as its element closes, so memory holds one item at a time however large the export.
 * A DOCTYPE is refused outright: WordPress never writes one, and it is how entity-expansion
 * ("billion laughs") files are built; saxes itself never expands an entity it was not told of.
 */

/** An author of the old site (wp:author): becomes an author profile, never an account. */
export type WxrAuthor = { login: string; displayName: string; firstName: string; lastName: string };

/** A category or tag declared in the channel. */
export type WxrTerm = { taxonomy: 'category' | 'post_tag'; slug: string; name: string; parentSlug: string; description: string };

/** A category or tag an item carries (its <category domain nicename>). */
export type WxrItemTerm = { taxonomy: string; slug: string; name: string };

/** One <item>: a post, page, attachment or anything else WordPress exported. */
export type WxrItem = {
  title: string;
  link: string;
  guid: string;
  postId: string;
  postType: string;
  status: string;
  postName: string;
  parentId: string;
  menuOrder: number;
  /** "YYYY-MM-DD HH:MM:SS" in UTC, or "0000-00-00 00:00:00" for a draft never dated. */
  dateGmt: string;
  /** The same in the site's zone. */
  date: string;
  creator: string;
  content: string;
  excerpt: string;
  password: string;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: Map<string, string>;
};

/** The channel's own facts: the old site's address and title. */
export type WxrSite = { title: string; link: string; baseBlogUrl: string; wxrVersion: string };

export type WxrRecord =
  | { kind: 'site'; site: WxrSite }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'term'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem; index: number };

const WP_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.[0-9]+\/$/;
const EXCERPT_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.[0-9]+\/excerpt\/$/;
const CONTENT_NAMESPACE = 'http://purl.org/rss/1.0/modules/content/';
const DC_NAMESPACE = 'http://purl.org/dc/elements/1.1/';

/** Characters kept of one element's text: a body larger than this is not an article. */
const MAX_FIELD_CHARS = 16 * 1024 * 1024;

/** The short name of an element: its WordPress-side prefix (whatever the file called it) and local name. */
function keyOf(tag: SaxesTagNS): string {
  const uri = tag.uri;
  if (WP_NAMESPACE.test(uri)) return `wp:${tag.local}`;
  if (EXCERPT_NAMESPACE.test(uri)) return `excerpt:${tag.local}`;
  if (uri === CONTENT_NAMESPACE) return `content:${tag.local}`;
  if (uri === DC_NAMESPACE) return `dc:${tag.local}`;
  return uri === '' ? tag.local : `{${uri}}${tag.local}`;
}

type Open = { key: string; fields: Map<string, string>; terms: WxrItemTerm[]; meta: Map<string, string>; depth: number };

function text(fields: Map<string, string>, key: string): string {
  return (fields.get(key) ?? '').trim();
}

function toItem(open: Open): WxrItem {
  const f = open.fields;
  return {
    title: text(f, 'title'),
    link: text(f, 'link'),
    guid: text(f, 'guid'),
    postId: text(f, 'wp:post_id'),
    postType: text(f, 'wp:post_type'),
    status: text(f, 'wp:status'),
    postName: text(f, 'wp:post_name'),
    parentId: text(f, 'wp:post_parent'),
    menuOrder: Number.parseInt(text(f, 'wp:menu_order'), 10) || 0,
    dateGmt: text(f, 'wp:post_date_gmt'),
    date: text(f, 'wp:post_date'),
    creator: text(f, 'dc:creator'),
    content: f.get('content:encoded') ?? '',
    excerpt: text(f, 'excerpt:encoded'),
    password: text(f, 'wp:post_password'),
    attachmentUrl: text(f, 'wp:attachment_url'),
    terms: open.terms,
    meta: open.meta,
  };
}

function toRecord(open: Open): WxrRecord | null {
  const f = open.fields;
  switch (open.key) {
    case 'wp:author':
      return {
        kind: 'author',
        author: { login: text(f, 'wp:author_login'), displayName: text(f, 'wp:author_display_name'), firstName: text(f, 'wp:author_first_name'), lastName: text(f, 'wp:author_last_name') },
      };
    case 'wp:category':
      return { kind: 'term', term: { taxonomy: 'category', slug: text(f, 'wp:category_nicename'), name: text(f, 'wp:cat_name'), parentSlug: text(f, 'wp:category_parent'), description: text(f, 'wp:category_description') } };
    case 'wp:tag':
      return { kind: 'term', term: { taxonomy: 'post_tag', slug: text(f, 'wp:tag_slug'), name: text(f, 'wp:tag_name'), parentSlug: '', description: text(f, 'wp:tag_description') } };
    case 'wp:term': {
      const taxonomy = text(f, 'wp:term_taxonomy');
      if (taxonomy !== 'category' && taxonomy !== 'post_tag') return null;
      return { kind: 'term', term: { taxonomy, slug: text(f, 'wp:term_slug'), name: text(f, 'wp:term_name'), parentSlug: text(f, 'wp:term_parent'), description: text(f, 'wp:term_description') } };
    }
    default:
      return null;
  }
}

/** Elements directly under <channel> that are records of their own. */
const CHANNEL_RECORDS = new Set(['item', 'wp:author', 'wp:category', 'wp:tag', 'wp:term']);

/**
 * The records of the WXR file at `path`, in file order: the site first (once its header is read),
 * then authors, terms and items as they come. Throws ImportRefused for a file that is not XML, not
 * WXR, or carries a DOCTYPE.
 */
export async function* readWxr(path: string): AsyncGenerator<WxrRecord> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const queue: WxrRecord[] = [];
  const stack: string[] = [];
  let failure: Error | null = null;
  let open: Open | null = null;
  let fieldKey: string | null = null;
  let metaKey = '';
  let metaValue = '';
  let inMeta = false;
  let site: WxrSite = { title: '', link: '', baseBlogUrl: '', wxrVersion: '' };
  let siteSent = false;
  let items = 0;
  let sawRss = false;

  const refuse = (message: string) => {
    failure ??= new ImportRefused(message);
  };
  const sendSite = () => {
    if (siteSent) return;
    if (!site.wxrVersion) return refuse('This is not a WordPress export: the channel has no wp:wxr_version (export it from Tools → Export in WordPress).');
    siteSent = true;
    queue.push({ kind: 'site', site });
  };
  const appendText = (chunk: string) => {
    if (failure) return;
    if (open && fieldKey) {
      if (inMeta) {
        if (fieldKey === 'wp:meta_key') metaKey += chunk;
        else if (fieldKey === 'wp:meta_value') metaValue += chunk;
        return;
      }
      const before = open.fields.get(fieldKey) ?? '';
      if (before.length + chunk.length > MAX_FIELD_CHARS) return refuse(`An element <${fieldKey}> of item ${items + 1} holds more than ${MAX_FIELD_CHARS} characters.`);
      open.fields.set(fieldKey, before + chunk);
    } else if (!open && stack.length === 3 && stack[0] === 'rss' && stack[1] === 'channel') {
      const key = stack[2];
      if (key === 'title') site = { ...site, title: site.title + chunk };
      else if (key === 'link') site = { ...site, link: site.link + chunk };
      else if (key === 'wp:base_blog_url') site = { ...site, baseBlogUrl: site.baseBlogUrl + chunk };
      else if (key === 'wp:wxr_version') site = { ...site, wxrVersion: site.wxrVersion + chunk };
    }
  };

  parser.on('doctype', () => refuse('The file declares a DOCTYPE; WordPress exports never do, and entity declarations are not expanded. Refused.'));
  parser.on('error', (error) => refuse(`The file is not well-formed XML: ${error.message}`));
  parser.on('opentag', (tag) => {
    const key = keyOf(tag);
    if (stack.length === 0) {
      if (key !== 'rss') refuse(`This is not a WordPress export: its root element is <${tag.name}>, not <rss>.`);
      sawRss = true;
    }
    stack.push(key);
    if (failure) return;
    const depth = stack.length;
    if (!open && depth === 3 && stack[1] === 'channel' && CHANNEL_RECORDS.has(key)) {
      if (key === 'item') sendSite();
      open = { key, fields: new Map(), terms: [], meta: new Map(), depth };
      return;
    }
    if (!open) return;
    if (depth === open.depth + 1) {
      fieldKey = key;
      if (key === 'wp:postmeta') {
        inMeta = true;
        metaKey = metaValue = '';
      } else if (key === 'category') {
        const attr = (name: string) => String(tag.attributes[name]?.value ?? '');
        open.terms.push({ taxonomy: attr('domain'), slug: attr('nicename'), name: '' });
      }
    } else if (inMeta && depth === open.depth + 2) {
      fieldKey = key;
    } else if (!inMeta) {
      // Inside a comment or another nested structure: its text is not the item's.
      fieldKey = null;
    }
  });
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('closetag', () => {
    const key = stack.pop();
    if (failure || !open) return;
    const depth = stack.length + 1;
    if (depth === open.depth) {
      if (open.key === 'item') {
        const item = toItem(open);
        queue.push({ kind: 'item', item, index: items++ });
      } else {
        const record = toRecord(open);
        if (record) queue.push(record);
      }
      open = null;
      fieldKey = null;
    } else if (depth === open.depth + 1) {
      if (key === 'wp:postmeta') {
        if (metaKey) open.meta.set(metaKey.trim(), metaValue);
        inMeta = false;
      } else if (key === 'category') {
        const term = open.terms[open.terms.length - 1]!;
        term.name = (open.fields.get('category') ?? '').trim();
        open.fields.delete('category');
      }
      fieldKey = null;
    } else if (inMeta && depth === open.depth + 2) {
      fieldKey = 'wp:postmeta';
    }
  });

  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      if (failure) throw failure;
      while (queue.length > 0) yield queue.shift()!;
    }
    parser.close();
    if (failure) throw failure;
    if (!sawRss) throw new ImportRefused('The file is empty or holds no XML.');
    sendSite();
    if (failure) throw failure;
    while (queue.length > 0) yield queue.shift()!;
  } finally {
    stream.destroy();
  }
}
