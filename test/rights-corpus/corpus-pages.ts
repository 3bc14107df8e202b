import { toKazakhLatin } from '#src/i18n/kazakh-latin.ts';
import { countReuseWords } from '#src/domain/rights/reuse-words.ts';
import type { CorpusOriginal } from './originals.ts';

/**
 * The labelled corpus of copier pages (issue 10): for each original, excerpts of 5 … 100% of its
 * words, with and without a link (followed, nofollow, home page only, with tracking parameters),
 * with what copiers do to a text (markup and whitespace changes, quote marks and case, a word or
 * two changed per sentence, paragraphs reordered or dropped, Kazakh turned into Latin script),
 * inside a copier site's chrome and boilerplate; plus unrelated stories on the same topics. Each
 * page carries its label: the share of the original's words it took, and the verdict the default
 * policy (30%, a followed link to the article) gives it. Built from a seed, so every run is the same.
 */

/** The shares of the original's words the excerpts take. */
export const EXCERPT_PERCENTS = [5, 15, 25, 29, 31, 40, 60, 100] as const;

/** How the copier links to us. */
export const LINK_KINDS = ['none', 'dofollow', 'nofollow', 'home', 'tracking'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** What the copier does to the text. */
export const EDIT_KINDS = ['verbatim', 'edited', 'reordered', 'dropped', 'latin'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** An original as published: its corpus text and where it lives. */
export type PublishedOriginal = CorpusOriginal & { url: string; latinUrl?: string };

/** One labelled page. */
export type CorpusPage = {
  name: string;
  /** The original it copies (undefined: an unrelated story). */
  originalKey?: string;
  html: string;
  /** Percent of the original's words the page took (before word edits); 0 for unrelated stories. */
  trueShare: number;
  /** The verdict under the default policy. */
  expected: 'over-quota' | 'missing-link' | 'link-not-compliant' | 'within-policy' | 'no-match';
};

/** mulberry32: a small seeded generator, so the corpus is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Unit = { paragraph: number; text: string; words: number };

/** The original cut into units a copier takes: title, standfirst, then each body sentence. */
function unitsOf(original: CorpusOriginal): Unit[] {
  const units: Unit[] = [
    { paragraph: -2, text: original.title, words: countReuseWords(original.title) },
    { paragraph: -1, text: original.standfirst, words: countReuseWords(original.standfirst) },
  ];
  original.paragraphs.forEach((paragraph, index) => {
    for (const sentence of paragraph.match(/[^.!?…]+(?:[.!?…]+["»”]?|$)\s*/g) ?? [paragraph]) {
      const text = sentence.trim();
      if (text) units.push({ paragraph: index, text, words: countReuseWords(text) });
    }
  });
  return units;
}

/** The first `words` words of a sentence, with what stands between them (a copier cutting mid-sentence). */
function firstWords(text: string, words: number): string {
  const matches = [...text.matchAll(/[\p{L}\p{N}\p{M}]+(?:['’ʼ‘`][\p{L}\p{N}\p{M}]+)*/gu)];
  const last = matches[words - 1];
  return last ? `${text.slice(0, last.index + last[0].length)}…` : text;
}

/** Exactly `target` words of the original in order from a random unit (wrapping), as paragraphs; answers them and the words taken. */
function excerpt(units: Unit[], target: number, random: () => number): { paragraphs: Array<{ paragraph: number; text: string }>; words: number } {
  const start = target >= units.reduce((n, u) => n + u.words, 0) ? 0 : Math.floor(random() * units.length);
  const taken: Array<{ paragraph: number; text: string }> = [];
  let words = 0;
  for (let i = 0; i < units.length && words < target; i++) {
    const unit = units[(start + i) % units.length]!;
    const room = target - words;
    const text = unit.words <= room ? unit.text : firstWords(unit.text, room);
    words += Math.min(unit.words, room);
    const previous = taken[taken.length - 1];
    if (previous && previous.paragraph === unit.paragraph && unit.paragraph >= 0) previous.text += ` ${text}`;
    else taken.push({ paragraph: unit.paragraph, text });
  }
  return { paragraphs: taken, words };
}

/** Replacement words copiers put in, by language. */
const SWAPS: Record<CorpusOriginal['language'], string[]> = {
  en: ['reportedly', 'also', 'new', 'local', 'major', 'recently', 'officially', 'now'],
  ru: ['также', 'новый', 'местный', 'недавно', 'официально', 'теперь', 'якобы', 'крупный'],
  kk: ['сондай-ақ', 'жаңа', 'жергілікті', 'жақында', 'ресми', 'енді', 'үлкен', 'тағы'],
};

/** A word or two changed per sentence, quote marks swapped, a word's case changed, extra spaces. */
function editSentences(text: string, language: CorpusOriginal['language'], random: () => number): string {
  const sentences = text.match(/[^.!?…]+(?:[.!?…]+["»”]?|$)\s*/g) ?? [text];
  return sentences
    .map((sentence) => {
      const words = sentence.split(/(\s+)/);
      const wordIndexes = words.map((w, i) => (/[\p{L}\p{N}]/u.test(w) ? i : -1)).filter((i) => i >= 0);
      const changes = wordIndexes.length < 6 ? 0 : random() < 0.35 ? 2 : 1;
      for (let c = 0; c < changes; c++) {
        const at = wordIndexes[Math.floor(random() * wordIndexes.length)]!;
        const swap = SWAPS[language][Math.floor(random() * SWAPS[language].length)]!;
        words[at] = words[at]!.replace(/[\p{L}\p{N}'’-]+/u, swap);
      }
      if (wordIndexes.length > 0 && random() < 0.3) {
        const at = wordIndexes[Math.floor(random() * wordIndexes.length)]!;
        words[at] = words[at]!.toUpperCase();
      }
      return words.join('');
    })
    .join(' ')
    .replace(/[«»]/g, '"')
    .replace(/"([^"]*)"/g, '“$1”')
    .replace(/, /g, random() < 0.5 ? ' , ' : ',  ');
}

/** Markup a copier's editor adds: bold and italic words, non-breaking spaces, entities. */
function remarkup(text: string, random: () => number): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .split(' ')
    .map((word) => {
      const roll = random();
      if (roll < 0.04) return `<b>${word}</b>`;
      if (roll < 0.07) return `<em>${word}</em>`;
      if (roll < 0.1) return `${word}&nbsp;`;
      return word;
    })
    .join(' ')
    .replace(/&nbsp; /g, '&nbsp;');
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** A copier site's page around the copied paragraphs: menu, header, sidebar, comments, footer, and the copier's own lines. */
export function copierPage(title: string, paragraphsHtml: string[], link: string, random: () => number): string {
  const menu = ['Home', 'Politics', 'Economy', 'Sport', 'Culture', 'Contacts'].map((name) => `<li><a href="/${name.toLowerCase()}">${name}</a></li>`).join('');
  const related = ['Prices rise again at city markets', 'Football: the league resumes on Saturday', 'Weather: frost expected at night']
    .map((name, i) => `<li><a href="/news/${i + 100}">${name}</a></li>`)
    .join('');
  const body = [...paragraphsHtml];
  if (link) body.splice(Math.min(body.length, 1 + Math.floor(random() * body.length)), 0, link);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeAttribute(title)} | Daily Copier</title></head><body>
<header class="site-header"><div class="logo">Daily Copier</div><nav><ul>${menu}</ul></nav></header>
<div class="layout"><main><article class="post">
<h1>${title}</h1><div class="post-meta">Posted today by admin</div>
<div class="entry-content">
<p>Our editors picked this story for our readers this morning.</p>
${body.join('\n')}
<p>Follow our channel to get the day's news first.</p>
</div></article>
<section id="comments"><h2>Comments</h2><div class="comment"><p>Interesting, thank you for sharing!</p></div><div class="comment"><p>When will this finally happen?</p></div></section>
</main><aside class="sidebar"><h3>Read also</h3><ul>${related}</ul></aside></div>
<footer class="site-footer"><p>© Daily Copier. All rights reserved.</p><a href="/about">About us</a></footer>
</body></html>`;
}

/** The link paragraph of a copier page for `kind`. */
function linkHtml(kind: LinkKind, original: PublishedOriginal, homeUrl: string, edit: EditKind): string {
  const url = edit === 'latin' && original.latinUrl ? original.latinUrl : original.url;
  switch (kind) {
    case 'none':
      return '';
    case 'dofollow':
      return `<p>Source: <a href="${escapeAttribute(url)}">${original.title}</a></p>`;
    case 'nofollow':
      return `<p>Source: <a href="${escapeAttribute(url)}" rel="nofollow noopener">${original.title}</a></p>`;
    case 'home':
      return `<p>Source: <a href="${escapeAttribute(homeUrl)}">our colleagues</a></p>`;
    case 'tracking':
      return `<p>Source: <a href="${escapeAttribute(`${url}?utm_source=telegram&utm_medium=social#story`)}">${original.title}</a></p>`;
  }
}

/** The verdict the default policy gives a copy of `share`% with `link`. */
function expectedVerdict(share: number, link: LinkKind): CorpusPage['expected'] {
  if (share > 30) return 'over-quota';
  if (link === 'none' || link === 'home') return 'missing-link';
  if (link === 'nofollow') return 'link-not-compliant';
  return 'within-policy';
}

/** Every labelled copier page of one original. */
export function pagesOf(original: PublishedOriginal, homeUrl: string, seed: number): CorpusPage[] {
  const random = seededRandom(seed);
  const units = unitsOf(original);
  const total = units.reduce((n, u) => n + u.words, 0);
  const pages: CorpusPage[] = [];
  for (const percent of EXCERPT_PERCENTS) {
    for (const edit of EDIT_KINDS) {
      if (edit === 'latin' && original.language !== 'kk') continue;
      for (const link of LINK_KINDS) {
        const taken = excerpt(units, Math.round((percent * total) / 100), random);
        let paragraphs = taken.paragraphs;
        let words = taken.words;
        if (edit === 'reordered') paragraphs = shuffle(paragraphs, random);
        if (edit === 'dropped') {
          if (paragraphs.length < 3) continue;
          const drop = 1 + Math.floor(random() * (paragraphs.length - 2));
          words -= countReuseWords(paragraphs[drop]!.text.replace(/…$/, ''));
          paragraphs = paragraphs.filter((_, i) => i !== drop);
        }
        const texts = paragraphs.map((p) => {
          let text = p.text;
          if (edit === 'edited' || edit === 'reordered' || edit === 'dropped') text = editSentences(text, original.language, random);
          if (edit === 'latin') text = toKazakhLatin(text);
          return `<p>${remarkup(text, random)}</p>`;
        });
        const share = Math.round((1000 * words) / total) / 10;
        pages.push({
          name: `${original.key} ${percent}% ${edit} link:${link}`,
          originalKey: original.key,
          html: copierPage(`Copied: ${original.key}`, texts, linkHtml(link, original, homeUrl, edit), random),
          trueShare: share,
          expected: expectedVerdict(share, link),
        });
      }
    }
  }
  return pages;
}

/** Pages of unrelated stories on the originals' topics (some linking to our home page): none is a copy. */
export function unrelatedPages(originals: CorpusOriginal[], homeUrl: string, seed: number): CorpusPage[] {
  const random = seededRandom(seed);
  const pages: CorpusPage[] = [];
  for (const original of originals) {
    original.sameTopic.forEach((story, index) => {
      const link = index === 0 ? `<p>More news: <a href="${escapeAttribute(homeUrl)}">our colleagues</a></p>` : '';
      pages.push({
        name: `${original.key} unrelated story ${index + 1}`,
        html: copierPage(`Unrelated: ${original.key}`, story.map((text) => `<p>${remarkup(text, random)}</p>`), link, random),
        trueShare: 0,
        expected: 'no-match',
      });
    });
    pages.push({
      name: `${original.key} both unrelated stories`,
      html: copierPage(`Unrelated: ${original.key}`, original.sameTopic.flat().map((text) => `<p>${remarkup(text, random)}</p>`), '', random),
      trueShare: 0,
      expected: 'no-match',
    });
  }
  return pages;
}
