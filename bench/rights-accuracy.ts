import fs from 'node:fs';
import type { AppContext } from '#src/app-context.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { reindexAll } from '#src/domain/rights/reuse-index.ts';
import { createRightsService, pageFromHtml } from '#src/domain/rights/rights-service.ts';
import { createPublishedArticle, createSectionFixture, paragraphsBody } from '../test/support/factories.ts';
import { corpusFile } from '../test/support/corpus.ts';
import { CORPUS_ORIGINALS, type CorpusOriginal } from '../test/rights-corpus/originals.ts';
import { pagesOf, unrelatedPages, type CorpusPage, type PublishedOriginal } from '../test/rights-corpus/corpus-pages.ts';

/**
 * The checker's accuracy over the labelled corpus (test/rights-corpus): the mean absolute error of
 * shareOfOriginal against the share each page took, and precision and recall of each verdict.
 */

/**
 * The seed article (../shared/corpus/seed/article.txt, someone else's text: read here, never
 * copied into the project) as one more original: its headline, standfirst and body paragraphs,
 * without the page's chrome, image credits and closing policy line.
 */
function seedOriginal(): CorpusOriginal | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(corpusFile('seed/article.txt'), 'utf8').split('\n').map((line) => line.trim());
  } catch {
    return undefined;
  }
  const start = lines.findIndex((line) => /min read$/.test(line));
  const rest = lines.slice(start + 1).filter(Boolean);
  const [title, standfirst, ...others] = rest;
  const paragraphs = others.filter((line) => line.split(/\s+/).length >= 12 && !/^Only \d+% of an article/.test(line));
  return {
    key: 'seed',
    language: 'en',
    title: title!,
    standfirst: standfirst!,
    paragraphs,
    sameTopic: [
      [
        // Written for this corpus: the same kind of story (a ministry meets an international organisation), not the seed's text.
        'Deputy foreign minister Aliya Sarsenova met the regional director of a United Nations agency in Astana on Thursday, the ministry said. The two sides discussed support for refugees and training for border officials.',
        'The ministry said both parties expressed interest in continuing their cooperation and agreed to hold another meeting in the autumn.',
      ],
    ],
  };
}

/** Publishes the originals and indexes them; answers each with its public URLs. */
async function publishOriginals(context: AppContext, originals: CorpusOriginal[]): Promise<PublishedOriginal[]> {
  const section = await createSectionFixture(context, { slug: 'news', name: 'News' });
  const published: PublishedOriginal[] = [];
  for (const original of originals) {
    const slug = original.key;
    const article = await createPublishedArticle(context, {
      sectionId: section.id,
      slug,
      title: original.title,
      standfirst: original.standfirst,
      body: paragraphsBody(original.paragraphs),
      language: original.language,
    });
    const prefix = original.language === 'en' ? '' : `/${original.language}`;
    const path = `${prefix}/${section.slug}/${article.slug}`;
    published.push({
      ...original,
      url: `${context.config.baseUrl}${path}`,
      latinUrl: original.language === 'kk' ? `${context.config.baseUrl}/kk-latn/${section.slug}/${article.slug}` : undefined,
    });
  }
  await reindexAll(context.database);
  return published;
}

/** The accuracy figures. */
export type AccuracyResult = {
  pages: number;
  meanAbsoluteError: number;
  worstErrors: Array<{ name: string; trueShare: number; measured: number }>;
  verdicts: Array<{ verdict: string; precision: number; recall: number; support: number }>;
  confusions: Array<{ name: string; expected: string; got: string }>;
};

/** Checks every corpus page and scores the answers. */
export async function measureAccuracy(context: AppContext): Promise<AccuracyResult> {
  const seed = seedOriginal();
  const originals = seed ? [...CORPUS_ORIGINALS, seed] : CORPUS_ORIGINALS;
  const published = await publishOriginals(context, originals);
  const home = `${context.config.baseUrl}/`;
  const pages: CorpusPage[] = [...published.flatMap((original, index) => pagesOf(original, home, 1000 + index)), ...unrelatedPages(originals, home, 7)];
  const rights = createRightsService(context);
  const system = asSystem();
  const errors: Array<{ name: string; trueShare: number; measured: number }> = [];
  const outcomes: Array<{ name: string; expected: string; got: string }> = [];
  for (const page of pages) {
    const report = await rights.checkPage(system, pageFromHtml(page.html, 'https://copier.example/news/1'));
    const original = published.find((o) => o.key === page.originalKey);
    if (original) {
      const match = report.matches.find((m) => m.article.url === original.url);
      errors.push({ name: page.name, trueShare: page.trueShare, measured: match?.shareOfOriginal ?? 0 });
    }
    outcomes.push({ name: page.name, expected: page.expected, got: report.verdict });
  }
  const meanAbsoluteError = errors.reduce((sum, e) => sum + Math.abs(e.measured - e.trueShare), 0) / errors.length;
  const labels = [...new Set(outcomes.flatMap((o) => [o.expected, o.got]))].sort();
  const verdicts = labels.map((verdict) => {
    const truePositives = outcomes.filter((o) => o.expected === verdict && o.got === verdict).length;
    const predicted = outcomes.filter((o) => o.got === verdict).length;
    const actual = outcomes.filter((o) => o.expected === verdict).length;
    return { verdict, precision: predicted ? truePositives / predicted : 1, recall: actual ? truePositives / actual : 1, support: actual };
  });
  return {
    pages: pages.length,
    meanAbsoluteError,
    worstErrors: [...errors].sort((a, b) => Math.abs(b.measured - b.trueShare) - Math.abs(a.measured - a.trueShare)).slice(0, 8),
    verdicts,
    confusions: outcomes.filter((o) => o.expected !== o.got),
  };
}
