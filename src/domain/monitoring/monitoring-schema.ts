import { z } from 'zod';
import { FINDING_STATUSES, WATCH_SOURCE_KINDS } from '#src/db/schema.ts';
import type { Verdict } from '#src/domain/rights/reuse-verdict.ts';
import { multilineTextField, textField } from '#src/lib/text-input.ts';

/** The shortest poll interval, in minutes: a site's feed changes no faster than that matters to the desk. */
export const MIN_POLL_MINUTES = 5;
/** The longest poll interval, in minutes (a week). */
export const MAX_POLL_MINUTES = 7 * 24 * 60;
/** The interval a new source gets unless one is given, in minutes. */
export const DEFAULT_POLL_MINUTES = 60;
/** Longest note on a finding (characters). */
export const MAX_NOTE_LENGTH = 2000;

const pollInterval = z.coerce
    .number({ message: 'Give the minutes between polls as a whole number.' })
    .int('Give the minutes between polls as a whole number.')
    .min(MIN_POLL_MINUTES, `Poll at most every ${MIN_POLL_MINUTES} minutes.`)
    .max(MAX_POLL_MINUTES, `Poll at least once a week (${MAX_POLL_MINUTES} minutes).`);
const sourceName = textField().trim().max(200, 'Use at most 200 characters.');

/** A new watch source. */
export const sourceInputSchema = z.object({
  /** feed: RSS, Atom or JSON Feed; sitemap: a sitemap or sitemap index; page: one page, re-checked every poll. */
  kind: z.enum(WATCH_SOURCE_KINDS, { message: 'Choose what the address is: feed, sitemap or page.' }),
  /** The address polled (absolute http or https). */
  url: textField().trim().min(1, 'Give the address to watch.').max(2048, 'The address may be at most 2048 characters.'),
  /** What the desk calls it. */
  name: sourceName.default(''),
  /** Minutes between polls. */
  pollIntervalMinutes: pollInterval.default(DEFAULT_POLL_MINUTES),
  /** Whether it is polled (false: paused). */
  active: z.boolean().default(true),
});
export type SourceInput = z.input<typeof sourceInputSchema>;

/** Changes to a source: any of its fields. */
export const sourcePatchSchema = z.object({
  kind: sourceInputSchema.shape.kind.optional(),
  url: sourceInputSchema.shape.url.optional(),
  name: sourceName.optional(),
  pollIntervalMinutes: pollInterval.optional(),
  active: z.boolean().optional(),
});
export type SourcePatch = z.input<typeof sourcePatchSchema>;

/** A change of a finding's status, with the desk's note. */
export const findingStatusSchema = z.object({
  status: z.enum(FINDING_STATUSES, { message: 'Choose a status: open, contacted, resolved, licensed or dismissed.' }),
  /** The desk's note (replaces the one kept; omitted: kept as it is). */
  note: multilineTextField().trim().max(MAX_NOTE_LENGTH, `Use at most ${MAX_NOTE_LENGTH} characters.`).optional(),
});
export type FindingStatusInput = z.input<typeof findingStatusSchema>;

/** Verdicts a finding may carry: the violations, and licensed copies kept on record (within the policy is no finding). */
export const FINDING_VERDICTS = ['over-quota', 'missing-link', 'link-not-compliant', 'licensed'] as const satisfies readonly Verdict[];
export type FindingVerdict = (typeof FINDING_VERDICTS)[number];

/** Whether a check's verdict makes a finding. */
export function isFindingVerdict(verdict: string): verdict is FindingVerdict {
  return (FINDING_VERDICTS as readonly string[]).includes(verdict);
}
