import type { AppContext } from '#src/app-context.ts';
import { createMediaImporter, type MediaImporter, type MediaOptions } from './import-media.ts';
import type { ImportOrigin } from './import-records.ts';
import type { ImportReport } from './import-report.ts';
import { createArticleBatcher, createImportTarget, type ImportTarget } from './import-target.ts';
import { rewriteOldSiteLinks } from './link-rewriting.ts';

/** What an importer works with while it reads its export. */
export type ImportSession = {
  target: ImportTarget;
  media: MediaImporter;
  /** Queues an article; written in batches. */
  addArticle: ReturnType<typeof createArticleBatcher>['add'];
  /** Says which item is being read (the report names it if the run stops there). */
  at(label: string): void;
  /** Counts one item read and tells the progress listener. */
  itemDone(total: number): Promise<void>;
};

/**
 * The frame both importers run in: the writer, the images and the article batches set up, the
 * importer's own reading, then the last batch, the links between imported posts, and the page
 * cache told once. A failure part-way is caught into the report (stoppedAt, error): what was
 * written before it is whole.
 */
export async function runImportSession(
  context: AppContext,
  origin: ImportOrigin,
  report: ImportReport,
  options: { dryRun: boolean; language: string; media: MediaOptions | null; onProgress?: (done: number, total: number) => void | Promise<void> },
  read: (session: ImportSession) => Promise<void>,
): Promise<ImportReport> {
  const target = createImportTarget(context, origin, report, { dryRun: options.dryRun, language: options.language });
  const media = createMediaImporter(context, origin, report, options.media, options.dryRun);
  const batcher = createArticleBatcher(target);
  let current = 'the list of sections, tags and authors';
  try {
    await read({
      target,
      media,
      addArticle: batcher.add,
      at: (label) => void (current = label),
      itemDone: async (total) => {
        report.done++;
        await options.onProgress?.(report.done, total);
      },
    });
    current = 'the last posts';
    await batcher.flush();
    current = 'rewriting links between imported posts';
    if (!options.dryRun) await rewriteOldSiteLinks(context, origin.site, batcher.linking);
  } catch (error) {
    report.stoppedAt = batcher.pendingLabel() ?? current;
    report.error = (error as Error).message;
  }
  if (!options.dryRun) await context.events.recordAfter(context.database.db, 'taxonomy.updated');
  return report;
}
