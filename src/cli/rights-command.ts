import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { AppContext } from '#src/app-context.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { MAX_PAGE_BYTES, decodePageBytes } from '#src/domain/rights/page-input.ts';
import { reportJson } from '#src/domain/rights/reuse-checker.ts';
import { reindexAll } from '#src/domain/rights/reuse-index.ts';
import { createRightsService, pageFromHtml, pageFromText } from '#src/domain/rights/rights-service.ts';
import { Invalid } from '#src/lib/errors.ts';
import { BadInput } from './bad-input.ts';
import { prepareDatabase } from './bootstrap.ts';

/** The `qalam rights` sub-commands' help. */
export const RIGHTS_USAGE = `Usage:
  qalam rights check (--file PAGE.html | --url URL | --text-file FILE) [--page-url URL]
      checks a page against the published articles and prints the findings as JSON;
      exit status 0 whatever the verdict, 2 when the input cannot be checked
  qalam rights reindex
      rebuilds the reuse index from every published article`;

/** The option that gave the input a checker's field names. */
const OPTION_OF_FIELD: Record<string, string> = { html: 'file', text: 'text-file' };

/** A file's bytes, refused (exit 2) when missing or larger than the checker reads. */
function readInput(path: string, option: string): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    throw new BadInput(`${option}: cannot read ${path} (no such file).`);
  }
  if (!stat.isFile()) throw new BadInput(`${option}: ${path} is not a file.`);
  if (stat.size > MAX_PAGE_BYTES) throw new BadInput(`${option}: ${path} is ${Math.round(stat.size / 1024 / 1024)} MB; the checker reads pages of at most ${MAX_PAGE_BYTES / 1024 / 1024} MB.`);
  return fs.readFileSync(path);
}

/** Runs `qalam rights check|reindex` as the system, reading the database `serve` uses. */
export async function runRightsCommand(context: AppContext, args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { file: { type: 'string' }, url: { type: 'string' }, 'text-file': { type: 'string' }, 'page-url': { type: 'string' } } });
  } catch (error) {
    throw new BadInput(`${(error as Error).message}\n\n${RIGHTS_USAGE}`);
  }
  const { positionals, values } = parsed;
  const [sub] = positionals;
  if (sub === 'reindex') {
    await prepareDatabase(context);
    console.log(`Indexed ${await reindexAll(context.database)} published articles.`);
    return;
  }
  if (sub !== 'check') throw new BadInput(sub ? `Unknown sub-command "rights ${sub}".\n\n${RIGHTS_USAGE}` : RIGHTS_USAGE);
  const given = (['file', 'url', 'text-file'] as const).filter((name) => values[name] !== undefined);
  if (given.length !== 1) throw new BadInput(`Give exactly one of --file, --url or --text-file.\n\n${RIGHTS_USAGE}`);
  await prepareDatabase(context);
  const rights = createRightsService(context);
  const system = asSystem();
  try {
    const pageUrl = values['page-url'] ?? null;
    const report = values.url
      ? await rights.check(system, { url: values.url })
      : values.file
        ? await rights.checkPage(system, pageFromHtml(decodePageBytes('file', readInput(values.file, '--file')), pageUrl, 'file'))
        : await rights.checkPage(system, pageFromText(decodePageBytes('text-file', readInput(values['text-file']!, '--text-file'), 'text/plain'), pageUrl, 'text-file'));
    console.log(JSON.stringify(reportJson(report), null, 2));
  } catch (error) {
    if (error instanceof Invalid) throw new BadInput(`--${OPTION_OF_FIELD[error.field] ?? error.field}: ${error.message}`);
    throw error;
  }
}
