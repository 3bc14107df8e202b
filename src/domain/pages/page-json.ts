import { z } from 'zod';
import { PAGE_MENUS, PAGE_STATUSES } from '#src/db/schema.ts';
import { articleDocumentSchema } from '#src/domain/articles/article-body.ts';
import type { PageRecord } from './page-repository.ts';

const id = z.number().int();
const instant = z.string();

/** A page as the admin API answers it; the type is inferred from it, never written twice. */
export const pageJsonSchema = z.object({
  id,
  version: id,
  status: z.enum(PAGE_STATUSES),
  /** BCP 47 code of the page's language. */
  language: z.string(),
  /** The root page it sits under, or null. */
  parentId: id.nullable(),
  slug: z.string(),
  title: z.string(),
  body: articleDocumentSchema,
  menu: z.enum(PAGE_MENUS),
  menuOrder: id,
  publishedAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
  /** Public URL path: /about, /about/team, under /ru/ … for a language other than the default. */
  path: z.string(),
});
export type PageJson = z.infer<typeof pageJsonSchema>;

/** A page as the admin API answers it, at its public path. */
export function toPageJson(page: PageRecord, publicPath: string): PageJson {
  return {
    id: page.id,
    version: page.version,
    status: page.status,
    language: page.language,
    parentId: page.parentId,
    slug: page.slug,
    title: page.title,
    body: page.body,
    menu: page.menu,
    menuOrder: page.menuOrder,
    publishedAt: page.publishedAt,
    createdAt: page.createdAt,
    updatedAt: page.updatedAt,
    path: publicPath,
  };
}
