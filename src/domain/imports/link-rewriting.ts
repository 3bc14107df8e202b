import type { AppContext } from '#src/app-context.ts';
import type { ArticleBody, Block, InlineNode } from '#src/domain/articles/article-body.ts';
import { findArticleById, updateArticleFields } from '#src/domain/articles/article-repository.ts';
import { writeRevision } from '#src/domain/articles/article-revisions.ts';
import { pickArticleFields } from '#src/domain/articles/article-fields.ts';
import { createPathChanges } from '#src/domain/redirects/redirect-repository.ts';
import { oldSitePath } from './old-paths.ts';

/** Every link mark of a body, in place: the walk visits text runs inside any block. */
function linkMarks(body: ArticleBody): Array<{ attrs: { href: string } }> {
  const found: Array<{ attrs: { href: string } }> = [];
  const stack: Array<Block | InlineNode> = [...body.content];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      for (const mark of node.marks ?? []) if (mark.type === 'link') found.push(mark);
    } else if ('content' in node && Array.isArray(node.content)) {
      stack.push(...(node.content as Array<Block | InlineNode>));
    }
  }
  return found;
}

/** Whether the body still links to the old site (a post not in yet, or the post itself): the link pass at the end looks again. */
export function linksToOldSite(body: ArticleBody, siteUrl: string): boolean {
  return linkMarks(body).some((mark) => oldSitePath(mark.attrs.href, siteUrl) !== null);
}

/** The site paths of the old site that the body links to (each once): what `rewriteBodyLinks` will look up. */
export function oldSiteLinkPaths(body: ArticleBody, siteUrl: string): string[] {
  return [...new Set(linkMarks(body).flatMap((mark) => oldSitePath(mark.attrs.href, siteUrl) ?? []))];
}

/**
 * Points the body's links to posts of the old site that are already in at their new addresses
 * (`baseUrl` and the new path `movedTo` answers for an old one), in place; answers whether any changed.
 */
export function rewriteBodyLinks(body: ArticleBody, siteUrl: string, baseUrl: string, movedTo: (oldPath: string) => string | undefined): boolean {
  let changed = false;
  for (const mark of linkMarks(body)) {
    const path = oldSitePath(mark.attrs.href, siteUrl);
    if (!path) continue;
    const moved = movedTo(path);
    if (!moved) continue;
    mark.attrs.href = `${baseUrl}${moved}${new URL(mark.attrs.href).hash}`;
    changed = true;
  }
  return changed;
}

/**
 * Points links between imported posts at their new addresses. Run after every post is in, so a
 * link to a post further down the export finds it: the redirect table the import filled is the map
 * from an old path to the new one. A link to a page of the old site that was not imported is left as it is.
 */
export async function rewriteOldSiteLinks(context: Pick<AppContext, 'database' | 'config'>, siteUrl: string, articleIds: number[]): Promise<number> {
  const db = context.database.db;
  let rewritten = 0;
  for (const id of new Set(articleIds)) {
    await db.transaction().execute(async (tx) => {
      const article = await findArticleById(tx, id);
      if (!article) return;
      const redirects = createPathChanges(tx);
      await redirects.load(oldSiteLinkPaths(article.body, siteUrl));
      if (!rewriteBodyLinks(article.body, siteUrl, context.config.baseUrl, redirects.lookup)) return;
      const fields = pickArticleFields(article);
      if (await updateArticleFields(tx, id, article.version, fields, null)) {
        await writeRevision(tx, id, article.version + 1, 'save', fields, null);
        rewritten++;
      }
    });
  }
  return rewritten;
}
