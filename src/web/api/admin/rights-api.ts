import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { LINK_PLACEMENTS } from '#src/db/schema.ts';
import { MAX_PAGE_BYTES, decodePageBytes } from '#src/domain/rights/page-input.ts';
import { reportJson } from '#src/domain/rights/reuse-checker.ts';
import { NO_MATCH, VERDICTS } from '#src/domain/rights/reuse-verdict.ts';
import { checkRequestSchema } from '#src/domain/rights/rights-schema.ts';
import { createRightsService } from '#src/domain/rights/rights-service.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';

const range = z.tuple([z.number().int(), z.number().int()]);

/** One article the page reproduces, as `qalam rights check` prints it, with whether a licence covers it. */
const matchSchema = z.object({
  article: z.object({ id: z.number().int(), /** Its canonical absolute URL. */ url: z.string(), title: z.string() }),
  /** Percent (one decimal) of the original's words the page reproduces. */
  shareOfOriginal: z.number(),
  /** Percent (one decimal) of the page's main text that is the original's. */
  shareOfText: z.number(),
  link: z.object({ present: z.boolean(), href: z.string().nullable(), compliant: z.boolean(), reason: z.string() }),
  verdict: z.enum(VERDICTS),
  /** Reused passages: offsets [start, end) in the original's text and in the page's main text (UTF-16 units), and the page's words. */
  passages: z.array(z.object({ original: range, page: range, text: z.string() })),
  licensed: z.boolean(),
});

const reportSchema = z.object({
  /** The worst match's verdict, or no-match. */
  verdict: z.enum([...VERDICTS, NO_MATCH]),
  /** Matches, the largest share of the original first. */
  matches: z.array(matchSchema),
  /** The page as checked: its address (if known), its main text (the passages' `page` offsets index it) and its word count. */
  page: z.object({ url: z.string().nullable(), text: z.string(), words: z.number().int() }),
});

const policySchema = z.object({
  maxOriginalSharePercent: z.number(),
  maxTextSharePercent: z.number().nullable(),
  link: z.object({ required: z.boolean(), toArticle: z.boolean(), indexable: z.boolean(), placement: z.enum(LINK_PLACEMENTS) }),
  fullRepublicationNeedsLicence: z.boolean(),
});

/** JSON with a page of MAX_PAGE_BYTES characters, escaped. */
const BODY_LIMIT = MAX_PAGE_BYTES * 2;

/**
 * The rights desk's API: POST /api/admin/rights/checks checks a page (JSON `html`, `text` or
 * `url`; or the page itself as a text/html or text/plain body, its charset honoured) against our
 * published articles; GET /api/admin/rights/policy answers the reuse policy. Editors and above.
 */
export async function registerRightsApi(app: FastifyInstance, context: AppContext): Promise<void> {
  const rights = createRightsService(context);
  const config = { minRole: 'editor' as const };
  const tags = ['rights'];
  await app.register(async (scope) => {
    // A page posted as itself: its bytes are decoded here (charset, binary and size checks), so the
    // route's schema sees the same { html } or { text } a JSON client sends.
    scope.addContentTypeParser(['text/html', 'text/plain', 'application/xhtml+xml', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_PAGE_BYTES }, (request, body, done) => {
      try {
        const type = String(request.headers['content-type'] ?? '');
        const text = decodePageBytes('body', body as Buffer, type);
        done(null, type.startsWith('text/plain') ? { text } : { html: text });
      } catch (error) {
        done(error as Error);
      }
    });
    const api = scope.withTypeProvider<ZodTypeProvider>();
    api.post(
      '/api/admin/rights/checks',
      {
        config,
        bodyLimit: BODY_LIMIT,
        schema: {
          tags,
          summary: 'Check a page for reuse of our articles (JSON html, text or url; or the page as a text/html or text/plain body)',
          body: checkRequestSchema,
          response: { 200: reportSchema },
        },
      },
      async (request) => {
        const report = await rights.check(signedInActor(request), request.body);
        const json = reportJson(report);
        return {
          ...json,
          matches: json.matches.map((match, i) => ({ ...match, licensed: report.matches[i]!.licensed })),
          page: { url: report.page.url, text: report.page.text, words: report.page.words },
        };
      },
    );
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/admin/rights/policy', { config, schema: { tags, summary: 'The reuse policy checks are measured against', response: { 200: policySchema } } }, async (request) =>
    rights.getPolicy(signedInActor(request)),
  );
}
