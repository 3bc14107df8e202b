import { sql } from 'kysely';
import type { AppContext } from '#src/app-context.ts';
import { insertArticle } from '#src/domain/articles/article-repository.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { countIndex } from '#src/domain/rights/fingerprint-repository.ts';
import { reindexAll } from '#src/domain/rights/reuse-index.ts';
import { createRightsService, pageFromHtml } from '#src/domain/rights/rights-service.ts';
import { buildArticleFields, createSectionFixture, paragraphsBody } from '../test/support/factories.ts';
import { seededRandom } from '../test/rights-corpus/corpus-pages.ts';

/**
 * The checker's speed over a large index: N synthetic published articles (words drawn from a
 * Zipf-distributed vocabulary of made-up words, so common words and phrases recur as in real
 * text), indexed by the same code the job runs (reindexAll); then checks of 1,500-word pages:
 * a third copy 30% of an indexed article inside filler, a third copy two articles, a third copy nothing.
 */

const VOCABULARY = 40_000;
const SYLLABLES = ['ka', 'za', 'bek', 'tan', 'ly', 'ar', 'ny', 'sy', 'ol', 'mu', 're', 'ti', 'qa', 'ge', 'shy', 'da', 'in', 'er', 'ba', 'lo', 'um', 'ste', 'pa', 'vi'];

function vocabulary(random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < VOCABULARY) {
    const length = 1 + Math.floor(random() * 3) + (random() < 0.3 ? 1 : 0);
    let word = '';
    for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** Draws words with Zipf's law (the r-th most common word has weight 1/r). */
function zipfSampler(words: string[], random: () => number): () => string {
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 1; r <= words.length; r++) cumulative.push((total += 1 / r));
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}

function sentence(draw: () => string, random: () => number): string {
  const length = 10 + Math.floor(random() * 16);
  const words = Array.from({ length }, draw);
  return `${words[0]![0]!.toUpperCase()}${words.join(' ').slice(1)}.`;
}

function paragraphs(draw: () => string, random: () => number, words: number): string[] {
  const out: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences = Array.from({ length: 2 + Math.floor(random() * 3) }, () => sentence(draw, random));
    count += sentences.join(' ').split(' ').length;
    out.push(sentences.join(' '));
  }
  return out;
}

/** The speed figures. */
export type SpeedResult = {
  articles: number;
  wordsPerArticle: number;
  indexSeconds: number;
  fingerprints: number;
  hashes: number;
  indexBytes: number;
  pageWords: number;
  checks: number;
  p50: number;
  p95: number;
  max: number;
  copies: number;
  found: number;
};

async function databaseBytes(context: AppContext): Promise<number> {
  if (context.database.kind === 'sqlite') {
    const { rows } = await sql<{ bytes: number }>`select page_count * page_size as bytes from pragma_page_count(), pragma_page_size()`.execute(context.database.db);
    return Number(rows[0]!.bytes);
  }
  const { rows } = await sql<{ bytes: number }>`select pg_total_relation_size('reuse_fingerprints') + pg_total_relation_size('reuse_hash_counts') as bytes`.execute(context.database.db);
  return Number(rows[0]!.bytes);
}

/** Builds the index of `count` articles and times checks against it. */
export async function measureSpeed(context: AppContext, count: number): Promise<SpeedResult> {
  const random = seededRandom(42);
  const draw = zipfSampler(vocabulary(random), random);
  const section = await createSectionFixture(context, { slug: 'bench', name: 'Bench' });
  const bodies: string[][] = [];
  const db = context.database.db;
  let totalWords = 0;
  process.stdout.write(`  writing ${count} articles`);
  for (let start = 0; start < count; start += 500) {
    await db.transaction().execute(async (tx) => {
      for (let i = start; i < Math.min(count, start + 500); i++) {
        const body = paragraphs(draw, random, 330 + Math.floor(random() * 140));
        bodies.push(body);
        totalWords += body.join(' ').split(' ').length;
        const fields = buildArticleFields(section.id, { slug: `bench-${i}`, title: sentence(draw, random), standfirst: sentence(draw, random), body: paragraphsBody(body) });
        await insertArticle(tx, fields, { status: 'published', publishedAt: '2024-01-01T00:00:00.000Z', userId: null });
      }
    });
    if (start % 10_000 === 0) process.stdout.write('.');
  }
  process.stdout.write('\n');
  const before = await databaseBytes(context);
  const started = performance.now();
  await reindexAll(context.database);
  const indexSeconds = (performance.now() - started) / 1000;
  const indexBytes = (await databaseBytes(context)) - before;
  const size = await countIndex(db);

  const rights = createRightsService(context);
  const system = asSystem();
  const times: number[] = [];
  const pageWords = 1500;
  let copies = 0;
  let found = 0;
  for (let n = 0; n < 300; n++) {
    const kind = n % 3;
    const copied: number[] = kind === 2 ? [] : kind === 0 ? [Math.floor(random() * count)] : [Math.floor(random() * count), Math.floor(random() * count)];
    const parts: string[] = [];
    for (const index of copied) {
      const body = bodies[index]!;
      parts.push(...body.slice(0, Math.max(1, Math.round(body.length * 0.3))));
    }
    const have = parts.join(' ').split(' ').length;
    parts.push(...paragraphs(draw, random, Math.max(0, pageWords - have)));
    const html = `<html><body><nav><a href="/">Home</a></nav><article><h1>Page ${n}</h1>${parts.map((p) => `<p>${p}</p>`).join('')}</article><footer>© copier</footer></body></html>`;
    const t0 = performance.now();
    const report = await rights.checkPage(system, pageFromHtml(html, 'https://copier.example/page'));
    times.push(performance.now() - t0);
    copies += copied.length > 0 ? 1 : 0;
    if (copied.length > 0 && report.matches.length >= copied.length) found++;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return {
    articles: count,
    wordsPerArticle: Math.round(totalWords / count),
    indexSeconds,
    fingerprints: size.fingerprints,
    hashes: size.hashes,
    indexBytes,
    pageWords,
    checks: times.length,
    p50: at(0.5),
    p95: at(0.95),
    max: times[times.length - 1]!,
    copies,
    found,
  };
}
