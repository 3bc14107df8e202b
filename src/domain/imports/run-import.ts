import type { AppContext } from '#src/app-context.ts';
import type { ImportReport } from './import-report.ts';
import { importWordPress, type ImportOptions } from './wordpress-import.ts';
import { importGhost } from './ghost-import.ts';

/** The systems an export can come from. */
export const IMPORT_SOURCES = ['wordpress', 'ghost'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** Everything an import run is told, from the CLI or the newsroom's form. */
export type RunImportOptions = ImportOptions & {
  /** Ghost: the section posts go into (its slug); made when missing. */
  section?: string;
  /** Ghost: the old site's address. */
  siteUrl?: string;
};

/** Imports the export at `path` from `source`; answers the report (ImportRefused when the file is refused before any write). */
export function runImport(context: AppContext, source: ImportSource, path: string, options: RunImportOptions): Promise<ImportReport> {
  return source === 'wordpress' ? importWordPress(context, path, options) : importGhost(context, path, options);
}
