import type { AppContext } from '#src/app-context.ts';
import { MAX_SYNTHETIC_ARTICLES, seedSyntheticArticles } from '#src/demo/synthetic/seed-synthetic.ts';
import { seedDemoContent } from '#src/demo/seed-demo.ts';
import { enqueueJob } from '#src/jobs/job-queue.ts';
import { REUSE_INDEX_ALL_JOB } from '#src/jobs/rights-jobs.ts';
import { BadInput } from './bad-input.ts';
import { prepareDatabase } from './bootstrap.ts';

/** The `qalam seed` help. */
export const SEED_USAGE = `Usage:
  qalam seed                    adds the demo content (sections, authors, ~20 articles, images) unless articles exist
  qalam seed --synthetic N      adds N made-up published articles (English, Russian, Kazakh; ten years of dates,
                                sections, tags, bylines, images) to try the site at scale; 1 to ${MAX_SYNTHETIC_ARTICLES}`;

/** The number after --synthetic, or BadInput naming the option. */
export function syntheticCount(args: string[]): number | undefined {
  const index = args.indexOf('--synthetic');
  if (index < 0) return undefined;
  const text = args[index + 1] ?? '';
  const count = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(count >= 1 && count <= MAX_SYNTHETIC_ARTICLES)) {
    throw new BadInput(`--synthetic: give the number of articles to add, a whole number from 1 to ${MAX_SYNTHETIC_ARTICLES} (got "${text}").`);
  }
  return count;
}

/** Runs `qalam seed [--synthetic N]` after bringing the schema up to date. */
export async function runSeedCommand(context: AppContext, args: string[]): Promise<void> {
  const count = syntheticCount(args);
  await prepareDatabase(context);
  if (count === undefined) {
    const created = await seedDemoContent(context, { onlyIfEmpty: true });
    console.log(created ? `Demo content added: ${created} articles.` : 'The database already has articles; nothing added.');
    return;
  }
  let reported = 0;
  const result = await seedSyntheticArticles(context, count, {
    enqueueReindex: async (tx) => void (await enqueueJob(tx, REUSE_INDEX_ALL_JOB, {})),
    onProgress: (written) => {
      if (written - reported >= 10_000 || written === count) {
        reported = written;
        process.stderr.write(`  ${written} / ${count}\n`);
      }
    },
  });
  console.log(
    `Added ${result.articles} synthetic articles (ids ${result.firstId}–${result.lastId}) in ${result.seconds.toFixed(1)} s. ` +
      'The reuse index is rebuilt by the job runner (qalam serve), or now by: qalam rights reindex.',
  );
}
