/**
 * What an import did, for the person who ran it: counts per kind, and one line per thing that
 * needs a look (a post imported as a draft because it had a password, a shortcode dropped, an
 * image that could not be fetched), each naming the post it came from. A run that failed part-way
 * says where it stopped: everything before that point was written whole.
 */

/** What happened to the items of one kind. */
export type KindCounts = { created: number; updated: number; unchanged: number; skipped: number };

export type ReportLine = {
  /** The item the line is about: a title and its old address, or a term's name. */
  item: string;
  message: string;
};

export type ImportReport = {
  source: 'wordpress' | 'ghost';
  /** The old site's address (or title). */
  site: string;
  dryRun: boolean;
  counts: Record<'articles' | 'pages' | 'sections' | 'tags' | 'authors' | 'media', KindCounts>;
  /** Old paths that now answer 301 to the new ones. */
  redirects: number;
  /** Articles by the status they were given. */
  statuses: Record<string, number>;
  lines: ReportLine[];
  /** Lines left out once the report held MAX_LINES (the counts still count them). */
  linesLeftOut: number;
  /** Items read from the export so far, and in all (0 until known). */
  done: number;
  total: number;
  /** Set when the run failed: the item it stopped at and why. Everything before it is in. */
  stoppedAt: string | null;
  error: string | null;
};

/** Report lines kept: a 100,000-post site with a plugin shortcode in every post must not make a report of 100,000 lines. */
export const MAX_LINES = 2000;

function zero(): KindCounts {
  return { created: 0, updated: 0, unchanged: 0, skipped: 0 };
}

/** An empty report for a run about to start. */
export function emptyReport(source: ImportReport['source'], dryRun: boolean): ImportReport {
  return {
    source,
    site: '',
    dryRun,
    counts: { articles: zero(), pages: zero(), sections: zero(), tags: zero(), authors: zero(), media: zero() },
    redirects: 0,
    statuses: {},
    lines: [],
    linesLeftOut: 0,
    done: 0,
    total: 0,
    stoppedAt: null,
    error: null,
  };
}

/** Adds a line, or counts it as left out once the report is full. */
export function addLine(report: ImportReport, item: string, message: string): void {
  if (report.lines.length >= MAX_LINES) report.linesLeftOut++;
  else report.lines.push({ item, message });
}

/** The report as text, for the terminal. */
export function formatReport(report: ImportReport): string {
  const out: string[] = [];
  const title = `${report.dryRun ? 'Dry run of the' : 'The'} ${report.source === 'wordpress' ? 'WordPress' : 'Ghost'} import of ${report.site || 'the export'}`;
  out.push(report.error ? `${title} stopped: ${report.error}` : `${title} ${report.dryRun ? 'would do this (nothing was written)' : 'is done'}.`);
  if (report.stoppedAt) out.push(`Stopped at: ${report.stoppedAt}. Everything before it was imported whole; run the import again to go on (what is in is updated, not doubled).`);
  for (const [kind, c] of Object.entries(report.counts)) {
    if (c.created + c.updated + c.unchanged + c.skipped === 0) continue;
    out.push(`  ${kind.padEnd(9)} ${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged${c.skipped ? `, ${c.skipped} skipped` : ''}`);
  }
  const statuses = Object.entries(report.statuses).map(([status, n]) => `${n} ${status}`);
  if (statuses.length > 0) out.push(`  articles by status: ${statuses.join(', ')}`);
  out.push(`  redirects from old addresses: ${report.redirects}`);
  if (report.lines.length > 0) {
    out.push('', 'To look at:');
    for (const line of report.lines) out.push(`  - ${line.item}: ${line.message}`);
    if (report.linesLeftOut > 0) out.push(`  … and ${report.linesLeftOut} more lines.`);
  }
  return out.join('\n');
}
