import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { AppContext } from '#src/app-context.ts';
import { ImportRefused } from '#src/domain/imports/import-errors.ts';
import { formatReport, type ImportReport } from '#src/domain/imports/import-report.ts';
import { runImport, type ImportSource } from '#src/domain/imports/run-import.ts';
import { BadInput } from './bad-input.ts';
import { prepareDatabase } from './bootstrap.ts';
import { limitHeapGrowthForImport } from './import-heap.ts';

/** The `qalam import` sub-commands' help. */
export const IMPORT_USAGE = `Usage:
  qalam import wordpress FILE.xml [options]   a WordPress export (Tools → Export, WXR 1.1 or 1.2)
  qalam import ghost FILE.json [options]      a Ghost export (Settings → Labs → Export, Ghost 2 to 6)
  qalam import qalam DIR                      a folder written by qalam export, into an empty install

Options:
  --dry-run              read the export and print the report; write nothing
  --language CODE        the language the posts are written in (default: the site's default)
  --section SLUG         Ghost only: the section the posts go into (default: blog, made if missing)
  --site-url URL         Ghost only: the old site's address (relative image paths and old links are read against it)
  --media-dir DIR        read images from a copy of the old site's uploads folder (wp-content/uploads, content/images)
  --no-media-fetch       do not fetch images over the network (with --media-dir: only what the folder has)
  --media-base-url URL   fetch images from this origin instead of their own (the path is kept): a mirror of the old files
  --json                 print the report as JSON

Running the same export again updates what the first run made; nothing is added twice.
Images are fetched through the safe fetcher: hosts inside the network need OUTBOUND_ALLOW_HOSTS.`;

/** Runs `qalam import wordpress|ghost FILE`, printing the report; a refused file exits 2, a run that stopped part-way 1. */
export async function runImportCommand(context: AppContext, args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean' },
        language: { type: 'string' },
        section: { type: 'string' },
        'site-url': { type: 'string' },
        'media-dir': { type: 'string' },
        'no-media-fetch': { type: 'boolean' },
        'media-base-url': { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new BadInput(`${(error as Error).message}\n\n${IMPORT_USAGE}`);
  }
  const [source, file] = parsed.positionals;
  if (source === undefined) throw new BadInput(`Say what to import: wordpress, ghost or qalam.\n\n${IMPORT_USAGE}`);
  if (source !== 'wordpress' && source !== 'ghost') throw new BadInput(`Unknown source "${source}": Qalam imports wordpress, ghost or qalam.\n\n${IMPORT_USAGE}`);
  if (!file) throw new BadInput(`Name the export file: qalam import ${source} FILE.\n\n${IMPORT_USAGE}`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BadInput(`${file}: no such file.`);
  const values = parsed.values;
  const mediaDir = values['media-dir'];
  if (mediaDir !== undefined && !(fs.existsSync(mediaDir) && fs.statSync(mediaDir).isDirectory())) throw new BadInput(`--media-dir: ${mediaDir} is not a folder.`);
  const mediaBaseUrl = values['media-base-url'];
  if (mediaBaseUrl !== undefined && !/^https?:\/\/[^/]+\/?$/.test(mediaBaseUrl)) throw new BadInput('--media-base-url: give an origin such as https://files.example.com');
  await prepareDatabase(context);
  limitHeapGrowthForImport();
  let report: ImportReport;
  try {
    report = await runImport(context, source as ImportSource, file, {
      dryRun: values['dry-run'] === true,
      language: values.language,
      section: values.section,
      siteUrl: values['site-url'],
      media: { fetch: values['no-media-fetch'] !== true, mediaDir, mediaBaseUrl, allowHosts: context.config.outboundAllowHosts },
      onProgress: progressPrinter(),
    });
  } catch (error) {
    if (error instanceof ImportRefused) throw new BadInput(`${file}: ${error.message} Nothing was imported.`);
    throw error;
  }
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  if (report.error) process.exitCode = 1;
}

/** A progress line on a terminal (stderr, rewritten in place), nothing when output goes to a file. */
function progressPrinter(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 200 && done < total) return;
    last = now;
    process.stderr.write(`\rImporting: ${done} of ${total} items${done === total ? '\n' : ''}`);
  };
}
