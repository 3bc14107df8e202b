import fs from 'node:fs';
import type { AppContext } from '#src/app-context.ts';
import { writeWxr } from './wxr-export.ts';
import { exportPortal } from '#src/domain/portability/qalam-export.ts';
import { ImportRefused, importPortal } from '#src/domain/portability/qalam-import.ts';
import { BadInput } from './bad-input.ts';
import { prepareDatabase } from './bootstrap.ts';

/** The value after `--name` in a command's arguments. */
function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** `qalam export --to DIR`: the portal in the documented export format (docs/export-format.md); `--wxr FILE`: a WordPress export. */
export async function runExportCommand(context: AppContext, args: string[]): Promise<void> {
  const wxr = optionValue(args, '--wxr');
  if (wxr) {
    if (fs.existsSync(wxr)) throw new BadInput(`${wxr} exists: give a new file for the WordPress export.`);
    const counts = await writeWxr(context, wxr);
    console.log(`Wrote ${counts.posts} posts, ${counts.pages} pages and ${counts.attachments} attachments to ${wxr} (WordPress: Tools → Import → WordPress).`);
    return;
  }
  const to = optionValue(args, '--to');
  if (!to) throw new BadInput('--to DIR is required: the folder to write the export into (new or empty); or --wxr FILE for a WordPress export.');
  let manifest;
  try {
    manifest = await exportPortal(context, to);
  } catch (error) {
    if (error instanceof Error && /is not empty/.test(error.message)) throw new BadInput(error.message);
    throw error;
  }
  const count = (file: string) => manifest.files[file]?.rows ?? 0;
  console.log(`Exported ${count('articles.json')} articles, ${count('pages.json')} pages and ${count('media.json')} images (${manifest.media.files} files) into ${to}.`);
}

/** `qalam import qalam DIR`: a Qalam export read back into this (empty) install, after migrating it. */
export async function runQalamImport(context: AppContext, dir: string | undefined): Promise<void> {
  if (!dir) throw new BadInput('Give the folder: qalam import qalam DIR (a folder written by qalam export).');
  await prepareDatabase(context);
  try {
    const manifest = await importPortal(context, dir);
    const count = (file: string) => manifest.files[file]?.rows ?? 0;
    console.log(`Imported the export of ${manifest.exportedAt}: ${count('articles.json')} articles, ${count('pages.json')} pages, ${count('media.json')} images.`);
  } catch (error) {
    if (error instanceof ImportRefused) throw new BadInput(error.message);
    throw error;
  }
}
