import type { PageMenu } from '#src/db/schema.ts';
import { MAX_SLUG_LENGTH } from '#src/lib/slug.ts';
import type { ArticleBody } from '#src/domain/articles/article-body.ts';

/** Limits on a page's fields (characters; menu positions). Free of zod, like article-fields.ts. */
export const PAGE_LIMITS = {
  title: 300,
  slug: MAX_SLUG_LENGTH,
  /** Lowest and highest menu position. */
  menuOrder: 10_000,
} as const;

/** The editable fields of a page, as the service keeps them and a revision snapshots them. */
export type PageFields = {
  /** BCP 47 code of the page's language. */
  language: string;
  /** The root page it sits under, or null for a root page. */
  parentId: number | null;
  slug: string;
  title: string;
  body: ArticleBody;
  menu: PageMenu;
  menuOrder: number;
};

/** The editable fields of a page, listed once (the schema and the revisions' diff read them). */
export const PAGE_FIELD_NAMES = ['language', 'parentId', 'slug', 'title', 'body', 'menu', 'menuOrder'] as const satisfies ReadonlyArray<keyof PageFields>;

/** Copies exactly the editable fields out of a larger record. */
export function pickPageFields(record: PageFields): PageFields {
  const { language, parentId, slug, title, body, menu, menuOrder } = record;
  return { language, parentId, slug, title, body, menu, menuOrder };
}
