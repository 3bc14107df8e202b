import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from '#src/app-context.ts';
import { articlePath } from '#src/domain/articles/public-paths.ts';
import type { PublishedArticles } from '#src/domain/articles/published-articles.ts';
import type { ArticleRef } from '#src/domain/licences/licence-repository.ts';
import { licenceRequestInputSchema } from '#src/domain/licences/licence-schema.ts';
import { createLicenceService } from '#src/domain/licences/licence-service.ts';
import { normalizeDomain } from '#src/domain/licences/licence-domains.ts';
import { canonicalLanguageCode, languageInfo } from '#src/i18n/languages.ts';
import { kazakhLatinHtml } from '#src/i18n/kazakh-latin-html.ts';
import { Forbidden, Invalid, NotFound } from '#src/lib/errors.ts';
import { rowNumberParam } from '#src/lib/id-input.ts';
import { renderDocument } from '#src/render/html-document.ts';
import { contentLanguageOf, languageOfMount, LANGUAGE_MOUNTS, mountedPath, type LanguageMount, type ResolvedLanguage } from '../language-routing.ts';
import { pageLanguage } from '../page-language.ts';
import { loadSiteChrome } from '../site-chrome.ts';
import { SiteLayout } from '../views/site-layout.tsx';
import { LICENCE_FORM_FIELDS, LicenceRequestView, type LicenceFormField, type LicenceFormState } from '../views/licence-request-view.tsx';
import { assertPublicFormCsrf, publicFormCsrfToken } from './licence-form-csrf.ts';

/** Requests one address may send in an hour: enough for a publisher's desk, too few to flood the queue. */
export const LICENCE_REQUESTS_PER_HOUR = 10;

/** The public path (without a language prefix) of the form asking to republish article `articleId`. */
export function licenceRequestPath(articleId: number): string {
  return `/licence/${articleId}`;
}

/** The rate limiter's refusal, caught by the route to answer with the form in the reader's language. */
class TooManyLicenceRequests extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many licence requests from this address.');
  }
}

const articleIdParam = rowNumberParam();

/** The article id of the URL, or NotFound: a malformed id names no page. */
function articleIdOf(params: unknown): number {
  const parsed = articleIdParam.safeParse((params as { articleId?: string }).articleId);
  if (!parsed.success) throw new NotFound('The page');
  return parsed.data;
}

/** The form's fields as posted (strings only; anything else is dropped). */
function postedValues(body: unknown): LicenceFormState['values'] {
  const values: LicenceFormState['values'] = {};
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  for (const name of LICENCE_FORM_FIELDS) if (typeof fields[name] === 'string') values[name] = fields[name];
  return values;
}

/** The fields the domain's rules refuse, in form order. */
function invalidFields(articleId: number, values: LicenceFormState['values']): LicenceFormField[] {
  const parsed = licenceRequestInputSchema.safeParse({ ...values, articleId });
  const invalid = new Set<LicenceFormField>(parsed.success ? [] : parsed.error.issues.map((issue) => String(issue.path[0]) as LicenceFormField));
  if (!invalid.has('domain') && 'problem' in normalizeDomain(values.domain ?? '')) invalid.add('domain');
  return LICENCE_FORM_FIELDS.filter((name) => invalid.has(name));
}

/** The article's public path in its own language (the form page's prefix when it shows that language). */
function articlePathFor(article: ArticleRef, resolved: ResolvedLanguage): string {
  const path = articlePath({ sectionSlug: article.sectionSlug, slug: article.slug });
  if (contentLanguageOf(resolved.lang.code) === article.language) return resolved.lang.path(path);
  const code = canonicalLanguageCode(article.language);
  return code ? pageLanguage(code, resolved.defaultCode).path(path) : path;
}

/**
 * GET and POST /licence/:articleId (and /ru/…, /kk/…, /kk-latn/…): the public form where a
 * publisher asks the editors for a licence to republish one article in full, linked from the
 * republication notice under every article. It works without JavaScript, in the page's language.
 * Never cached: it carries a per-visitor CSRF token (a double-submit cookie, as the sign-in form's
 * pre-session token). Posts are limited per address (LICENCE_REQUESTS_PER_HOUR); a request that
 * went through redirects (303) to the page's thanks, so reloading sends nothing twice.
 */
export async function registerLicenceRequestPages(app: FastifyInstance, context: AppContext, published: PublishedArticles): Promise<void> {
  const licences = createLicenceService(context);

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    resolved: ResolvedLanguage,
    article: ArticleRef,
    view: { sent: boolean; state: LicenceFormState; action: string },
    status = 200,
  ): Promise<FastifyReply> {
    const { lang } = resolved;
    const { chrome } = await loadSiteChrome(published, resolved.content);
    const csrfToken = publicFormCsrfToken(request, reply, context);
    const model = {
      article: { title: article.title, path: articlePathFor(article, resolved) },
      share: chrome.settings.reuseSharePercent,
      site: chrome.settings.name,
      action: view.action,
      csrfToken,
      sent: view.sent,
      state: view.state,
    };
    const html = renderDocument(
      <SiteLayout chrome={chrome} lang={lang} title={lang.translator.t('licence.title')} robots="noindex">
        <LicenceRequestView model={model} lang={lang} />
      </SiteLayout>,
    );
    return reply
      .code(status)
      .header('cache-control', 'private, no-store')
      .type('text/html; charset=utf-8')
      .send(languageInfo(lang.code).script === 'kazakh-latin' ? kazakhLatinHtml(html) : html);
  }

  await app.register(async (scope) => {
    // In memory per process, as the Content API's limit (ADR 0024): N processes allow N times as much.
    await scope.register(rateLimit, { global: false });
    const limit = scope.rateLimit({
      max: LICENCE_REQUESTS_PER_HOUR,
      timeWindow: 60 * 60 * 1000,
      errorResponseBuilder: (_request, refusal) => new TooManyLicenceRequests(Math.ceil(refusal.ttl / 1000)),
    });

    for (const mount of LANGUAGE_MOUNTS) {
      const route = mountedPath(mount, '/licence/:articleId');

      scope.get(route, { schema: { hide: true } }, async (request, reply) => {
        const articleId = articleIdOf(request.params);
        const resolved = languageOfMount(mount, await published.languageSettings());
        if (resolved === 'default-prefix') return reply.redirect(licenceRequestPath(articleId), 301);
        const article = await licences.articleToRequest(request.actor, articleId);
        const sent = (request.query as Record<string, unknown> | undefined)?.sent === '1';
        return render(request, reply, resolved, article, { sent, state: { values: {}, invalid: [] }, action: resolved.lang.path(licenceRequestPath(articleId)) });
      });

      scope.post(route, { schema: { hide: true } }, async (request, reply) => postRequest(request, reply, mount));
    }

    async function postRequest(request: FastifyRequest, reply: FastifyReply, mount: LanguageMount): Promise<FastifyReply> {
      const articleId = articleIdOf(request.params);
      const resolved = languageOfMount(mount, await published.languageSettings());
      if (resolved === 'default-prefix') throw new NotFound('The page');
      const article = await licences.articleToRequest(request.actor, articleId);
      const { t } = resolved.lang.translator;
      const action = resolved.lang.path(licenceRequestPath(articleId));
      const values = postedValues(request.body);
      const again = (state: Omit<LicenceFormState, 'values'>, status: number) => render(request, reply, resolved, article, { sent: false, state: { values, ...state }, action }, status);
      try {
        await limit.call(scope, request, reply);
      } catch (error) {
        if (!(error instanceof TooManyLicenceRequests)) throw error;
        reply.header('retry-after', String(error.retryAfterSeconds));
        return again({ invalid: [], problem: t('licence.error.tooMany', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) }) }, 429);
      }
      try {
        assertPublicFormCsrf(request, context);
      } catch (error) {
        if (!(error instanceof Forbidden)) throw error;
        return again({ invalid: [], problem: t('licence.error.expired') }, 403);
      }
      const invalid = invalidFields(articleId, values);
      if (invalid.length > 0) return again({ invalid }, 422);
      try {
        await licences.request(request.actor, { ...values, articleId }, { source: 'form', language: resolved.lang.code });
      } catch (error) {
        if (error instanceof Invalid && (LICENCE_FORM_FIELDS as readonly string[]).includes(error.field)) return again({ invalid: [error.field as LicenceFormField] }, 422);
        throw error;
      }
      return reply.redirect(`${action}?sent=1`, 303);
    }
  });
}
