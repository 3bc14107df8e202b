import type { Executor } from '#src/db/database.ts';
import type { ReuseMatch, ReuseReport } from '#src/domain/rights/reuse-checker.ts';
import { queueWebhookMessage, type ScheduleDelivery } from '#src/domain/webhooks/webhook-deliveries.ts';
import type { FindingWebhookMessage } from '#src/domain/webhooks/webhook-message.ts';
import { evidenceOf } from './finding-evidence.ts';
import { findFindingOf, insertFinding, markSeen, setFindingStatus, type FindingFacts } from './finding-repository.ts';
import { isFindingVerdict } from './monitoring-schema.ts';

/**
 * What a check of a watched page means for the desk's findings. Each match whose verdict breaks
 * the policy opens a finding (status open) with its evidence, and queues `rights.finding.opened`
 * for webhooks in the same transaction; a licensed copy is put on record (status licensed, no
 * event): the desk sees what partners republish. Within the policy is no finding. A finding seen
 * again only moves its last-seen time (its evidence stays as first seen); one the desk resolved
 * that is seen breaking the policy again is reopened, and announced again.
 */

/** The newsroom page of a finding. */
export function findingPath(id: number): string {
  return `/newsroom/monitoring/findings/${id}`;
}

function isViolation(verdict: ReuseMatch['verdict']): boolean {
  return verdict !== 'licensed' && verdict !== 'within-policy';
}

function messageOf(id: number, facts: FindingFacts, match: ReuseMatch, baseUrl: string, at: string): FindingWebhookMessage {
  return {
    type: 'rights.finding.opened',
    timestamp: at,
    data: {
      finding: {
        id,
        pageUrl: facts.pageUrl,
        verdict: facts.verdict,
        shareOfOriginal: facts.shareOfOriginal,
        shareOfText: facts.shareOfText,
        link: { present: facts.link.present, compliant: facts.link.compliant, href: facts.link.href },
        firstSeenAt: at,
        reviewUrl: new URL(findingPath(id), baseUrl).href,
      },
      article: { id: match.article.id, title: match.article.title, url: match.article.url },
    },
  };
}

/** Records what `report` found on `pageUrl` (reached through source `sourceId`); answers the ids of findings opened or reopened. */
export async function recordFindings(
  tx: Executor,
  input: { sourceId: number | null; pageUrl: string; report: ReuseReport; at: string; baseUrl: string; scheduleDelivery: ScheduleDelivery },
): Promise<number[]> {
  const opened: number[] = [];
  for (const match of input.report.matches) {
    const verdict = match.verdict;
    if (!isFindingVerdict(verdict)) continue;
    const facts: FindingFacts = {
      sourceId: input.sourceId,
      pageUrl: input.pageUrl,
      articleId: match.article.id,
      shareOfOriginal: match.shareOfOriginal,
      shareOfText: match.shareOfText,
      link: { present: match.link.present, compliant: match.link.compliant, href: match.link.href, reason: match.link.reason },
      verdict,
      evidence: evidenceOf(match, input.report.page.words),
    };
    const existing = await findFindingOf(tx, input.pageUrl, match.article.id);
    if (!existing) {
      const id = await insertFinding(tx, facts, isViolation(match.verdict) ? 'open' : 'licensed', input.at);
      if (isViolation(match.verdict)) {
        await queueWebhookMessage(tx, messageOf(id, facts, match, input.baseUrl, input.at), input.scheduleDelivery, input.at);
        opened.push(id);
      }
      continue;
    }
    await markSeen(tx, existing.id, input.at);
    if (existing.status === 'resolved' && isViolation(match.verdict)) {
      if (await setFindingStatus(tx, existing.id, { status: 'open', by: null, at: input.at, from: 'resolved' })) {
        await queueWebhookMessage(tx, messageOf(existing.id, facts, match, input.baseUrl, input.at), input.scheduleDelivery, input.at);
        opened.push(existing.id);
      }
    }
  }
  return opened;
}

