import { capture } from './captured.ts';

/** Bytes of one kind of resource a page loads: as stored, and as sent to a browser that takes brotli. */
export type Weight = { raw: number; compressed: number; files: number };

async function weigh(urls: string[]): Promise<Weight> {
  const weight = { raw: 0, compressed: 0, files: urls.length };
  for (const url of urls) {
    const raw = await capture(url, { 'accept-encoding': 'identity' });
    const compressed = await capture(url, { 'accept-encoding': 'br, gzip' });
    if (raw.status !== 200) throw new Error(`${url} answered ${raw.status}`);
    weight.raw += raw.body.length;
    weight.compressed += compressed.body.length;
  }
  return weight;
}

/**
 * The weight of a page: its HTML, the stylesheets it links and the scripts it loads, and whether
 * its headline is in the HTML itself (a reader needs no JavaScript to read it).
 */
export async function pageWeight(pageUrl: string): Promise<{ html: Weight; css: Weight; js: Weight; readableWithoutJs: boolean }> {
  const html = (await capture(pageUrl, { 'accept-encoding': 'identity' })).body.toString('utf8');
  const absolute = (href: string) => new URL(href.replaceAll('&amp;', '&'), pageUrl).toString();
  const stylesheets = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)].map((tag) => /\bhref="([^"]+)"/.exec(tag[0])?.[1]).filter((href): href is string => Boolean(href)).map(absolute);
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => absolute(match[1]!));
  return {
    html: await weigh([pageUrl]),
    css: await weigh(stylesheets),
    js: await weigh(scripts),
    readableWithoutJs: /<h1\b[^>]*>[^<]*\S/.test(html) && /<article\b/.test(html),
  };
}
