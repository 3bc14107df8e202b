import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import type { AuditEntry } from '#src/domain/audit/audit-log.ts';
import { createAuditService } from '#src/domain/audit/audit-service.ts';
import { textField } from '#src/lib/text-input.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { NewsroomLayout } from './views/newsroom-layout.tsx';
import { useNewsroomT } from './views/newsroom-i18n.ts';
import { sendNewsroomPage } from './views/send-page.ts';
import { newsroomTranslator } from './newsroom-language.ts';

/** The audit page's query: a page number (anything else is page 1) and an action to filter by. */
const auditQuerySchema = z.object({
  page: z.coerce.number().int().positive().max(999_999).catch(1),
  action: textField().max(100).optional().catch(undefined),
});

const SUBJECT_LINKS: Record<string, (id: string) => string> = {
  article: (id) => `/newsroom/articles/${id}`,
  section: (id) => `/newsroom/sections/${id}`,
  tag: (id) => `/newsroom/tags/${id}`,
  author: (id) => `/newsroom/authors/${id}`,
  location: (id) => `/newsroom/locations/${id}`,
  watch_source: (id) => `/newsroom/monitoring/sources/${id}`,
  reuse_finding: (id) => `/newsroom/monitoring/findings/${id}`,
  page: (id) => `/newsroom/pages/${id}`,
};

function Subject({ entry }: { entry: AuditEntry }) {
  const { t } = useNewsroomT();
  const type = t('audit.subjectType', { type: entry.subjectType });
  if (!entry.subjectId) return <>{type}</>;
  const label = t('audit.subject', { type, id: entry.subjectId });
  const link = SUBJECT_LINKS[entry.subjectType];
  return link && /^\d+$/.test(entry.subjectId) ? <a href={link(entry.subjectId)}>{label}</a> : <>{label}</>;
}

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ')
    .slice(0, 400);
}

/** The audit log page (editor and above): who did what, when, newest first. */
export async function registerAuditPage(app: FastifyInstance, context: AppContext): Promise<void> {
  const audit = createAuditService(context);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/newsroom/audit',
    { config: { minRole: 'editor' }, schema: { hide: true, querystring: auditQuerySchema } },
    async (request, reply) => {
      const actor = signedInActor(request);
      const { items, total, page, pages, action, actions } = await audit.list(actor, request.query);
      const pageHref = (n: number) => `/newsroom/audit?${new URLSearchParams({ ...(action ? { action } : {}), page: String(n) })}`;
      const { t } = newsroomTranslator(request);
      return sendNewsroomPage(
        reply,
        <NewsroomLayout title={t('audit.title')} actor={actor} csrfToken={request.csrfToken} active="audit">
          <div class="nr-page-head">
            <h1>{t('audit.title')}</h1>
            <span class="nr-muted">{t('audit.entries', { total })}</span>
          </div>
          <form method="get" action="/newsroom/audit" class="nr-inline-form nr-filter">
            <label for="audit-action">{t('audit.action')}</label>
            <select id="audit-action" name="action">
              <option value="">{t('audit.allActions')}</option>
              {actions.map((name) => (
                <option value={name} selected={name === action} key={name}>
                  {name}
                </option>
              ))}
            </select>
            <button type="submit" class="nr-button nr-button--quiet nr-button--small">
              {t('common.filter')}
            </button>
          </form>
          {items.length === 0 ? (
            <p class="nr-muted">{t('audit.empty')}</p>
          ) : (
            <table class="nr-table">
              <thead>
                <tr>
                  <th scope="col">{t('audit.column.when')}</th>
                  <th scope="col">{t('audit.column.who')}</th>
                  <th scope="col">{t('audit.column.what')}</th>
                  <th scope="col">{t('audit.column.subject')}</th>
                  <th scope="col">{t('audit.column.details')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <time datetime={entry.createdAt}>{entry.createdAt.slice(0, 19).replace('T', ' ')}</time>
                    </td>
                    <td>{entry.userName ?? (entry.details.by === 'system' ? t('audit.system') : <span class="nr-muted">{t('audit.unknown')}</span>)}</td>
                    <td>
                      <code>{entry.action}</code>
                    </td>
                    <td>
                      <Subject entry={entry} />
                    </td>
                    <td class="nr-small">{detailsText(entry.details)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {pages > 1 ? (
            <nav class="nr-pager" aria-label={t('audit.pagesLabel')}>
              {page > 1 ? <a href={pageHref(page - 1)}>{t('common.newer')}</a> : null}
              <span aria-current="page">{t('common.pageOf', { page, pages })}</span>
              {page < pages ? <a href={pageHref(page + 1)}>{t('common.older')}</a> : null}
            </nav>
          ) : null}
        </NewsroomLayout>,
      );
    },
  );
}
