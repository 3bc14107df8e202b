import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { createArticleBulk, type BulkActionInput } from '#src/domain/articles/article-bulk.ts';
import { createArticleDesk } from '#src/domain/articles/article-calendar.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Forbidden, Invalid } from '#src/lib/errors.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { utcToZonedLocal, zonedLocalToUtc } from './client/zoned-time.ts';
import { BULK_PATH, BulkResultPage, CALENDAR_PATH, CalendarPage, type CalendarSpan } from './desk-views.tsx';
import { sendNewsroomPage } from './views/send-page.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date moved by `days` ("2026-12-01", 7 → "2026-12-08"). */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week `day` falls in. */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** A real calendar date "YYYY-MM-DD", or undefined. */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d);

const calendarQuery = z.object({
  view: z.enum(['week', 'day']).catch('week'),
  date: calendarDate.optional().catch(undefined),
});

/** The days a calendar request covers, in the site's zone. */
export function calendarSpan(view: 'week' | 'day', date: string | undefined, today: string): CalendarSpan {
  const anchor = date ?? today;
  if (view === 'day') return { view, days: [anchor], previous: addDays(anchor, -1), next: addDays(anchor, 1), today };
  const monday = mondayOf(anchor);
  return { view, days: Array.from({ length: 7 }, (_, i) => addDays(monday, i)), previous: addDays(monday, -7), next: addDays(monday, 7), today };
}

/** A posted list of ids (one checkbox each) as numbers; a malformed one is refused by the schema later. */
function postedIds(value: unknown): unknown[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => (typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : v));
}

/** Where to return after a bulk action: the list with its filters, never another site. */
function safeBack(value: unknown): string {
  return typeof value === 'string' && /^\/newsroom(?:[?#]|$)/.test(value) ? value : '/newsroom';
}

/**
 * The desk's pages beside its list (issue 11, item 7): bulk actions over the rows ticked in the
 * list (each article checked by the article policy; one refused refuses all, naming it) and the
 * editorial calendar by week and day. Every signed-in role may use them; the policy decides.
 */
export async function registerDeskPages(app: FastifyInstance, context: AppContext): Promise<void> {
  const bulk = createArticleBulk(context);
  const desk = createArticleDesk(context);
  const settings = createSettingsService(context);

  app.post(BULK_PATH, async (request, reply) => {
    const actor = signedInActor(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const back = safeBack(body.back);
    const id = (v: unknown) => (typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : v);
    const input = { action: body.action, articleIds: postedIds(body.articleId), sectionId: id(body.sectionId), tagId: id(body.tagId) } as unknown as BulkActionInput;
    try {
      const results = await bulk.apply(actor, input);
      return sendNewsroomPage(reply, <BulkResultPage actor={actor} csrfToken={request.csrfToken} back={back} results={results} />);
    } catch (error) {
      if (error instanceof Invalid || error instanceof Forbidden) {
        return sendNewsroomPage(reply, <BulkResultPage actor={actor} csrfToken={request.csrfToken} back={back} results={[]} refusal={error.message} />, error instanceof Forbidden ? 403 : 422);
      }
      throw error;
    }
  });

  app.get(CALENDAR_PATH, async (request, reply) => {
    const actor = signedInActor(request);
    const query = calendarQuery.parse(request.query ?? {});
    const { timeZone } = await settings.forDisplay();
    const span = calendarSpan(query.view, query.date, utcToZonedLocal(nowIso(), timeZone).slice(0, 10));
    const from = zonedLocalToUtc(`${span.days[0]}T00:00`, timeZone)!;
    const to = zonedLocalToUtc(`${addDays(span.days.at(-1)!, 1)}T00:00`, timeZone)!;
    const entries = await desk.calendar(actor, from, to);
    return sendNewsroomPage(reply, <CalendarPage actor={actor} csrfToken={request.csrfToken} span={span} entries={entries} timeZone={timeZone} />);
  });
}
