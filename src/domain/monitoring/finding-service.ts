import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { nowIso } from '#src/lib/clock.ts';
import { NotFound } from '#src/lib/errors.ts';
import { countFindings, findFindingById, listFindings, setFindingStatus, type Finding, type FindingFilter, type FindingSummary } from './finding-repository.ts';
import { can } from './monitoring-policy.ts';
import { findingStatusSchema, type FindingStatusInput } from './monitoring-schema.ts';
import { invalidFrom } from './watch-source-service.ts';

/** Findings per page of the list. */
export const FINDING_PAGE_SIZE = 50;

/** A page of findings, with how many the filter selects. */
export type FindingPage = { items: FindingSummary[]; total: number; page: number; pageSize: number };

/** The desk's findings: listed with filters, read with their evidence, moved from status to status (audited, with who and when). */
export function createFindingService(context: Pick<AppContext, 'database' | 'events'>) {
  const db = context.database.db;

  async function load(executor: Executor, id: number): Promise<Finding> {
    const finding = await findFindingById(executor, id);
    if (!finding) throw new NotFound('The finding');
    return finding;
  }

  return {
    /** A page (from 1) of the findings `filter` selects, newest first. */
    async list(actor: Actor, filter: FindingFilter, page = 1): Promise<FindingPage> {
      assertAllowed(actor, can(actor, 'list-findings'), 'see findings');
      const [items, total] = await Promise.all([listFindings(db, filter, { limit: FINDING_PAGE_SIZE, offset: (page - 1) * FINDING_PAGE_SIZE }), countFindings(db, filter)]);
      return { items, total, page, pageSize: FINDING_PAGE_SIZE };
    },

    /** One finding with its evidence. */
    async get(actor: Actor, id: number): Promise<Finding> {
      assertAllowed(actor, can(actor, 'list-findings'), 'see findings');
      return load(db, id);
    },

    /** Sets a finding's status (and note, when given); audited 'monitor.finding_status_changed'. */
    async changeStatus(actor: Actor, id: number, input: FindingStatusInput, now = nowIso()): Promise<Finding> {
      assertAllowed(actor, can(actor, 'update-finding'), 'change findings');
      const parsed = findingStatusSchema.safeParse(input);
      if (!parsed.success) throw invalidFrom(parsed.error.issues);
      const { status, note } = parsed.data;
      const change = async (tx: Executor) => {
        const before = await load(tx, id);
        await setFindingStatus(tx, id, { status, note, by: actor.kind === 'user' ? actor.id : null, at: now });
        return { before, after: await load(tx, id) };
      };
      const { after } = await commitAudited(context, actor, change, ({ before }) => ({
        action: 'monitor.finding_status_changed',
        subjectType: 'reuse_finding',
        subjectId: id,
        details: { from: before.status, to: status, ...(note !== undefined ? { note } : {}) },
      }));
      return after;
    },
  };
}

/** The findings desk bound to one app context. */
export type FindingService = ReturnType<typeof createFindingService>;
