import type { Transaction } from 'kysely';
import type { AppContext } from '#src/app-context.ts';
import type { Database } from '#src/db/schema.ts';
import type { ArticleBody } from '#src/domain/articles/article-body.ts';
import { ARTICLE_LIMITS, NO_SEARCH_AND_SOCIAL, type ArticleFields } from '#src/domain/articles/article-fields.ts';
import { publicArticlePath } from '#src/domain/articles/article-public-path.ts';
import { findArticleById, findTakenAddresses, findTakenSlugs, insertArticles, updateArticleFields, updateArticleState, type NewArticle } from '#src/domain/articles/article-repository.ts';
import { insertRevisions, writeRevision, type RevisionSnapshot } from '#src/domain/articles/article-revisions.ts';
import { createAuthor, findAuthorBySlug } from '#src/domain/people/author-repository.ts';
import { createPathChanges, type PathChanges } from '#src/domain/redirects/redirect-repository.ts';
import { assertSectionSlugFree, checkSectionSlug, createSection, findSectionBySlug } from '#src/domain/sections/section-repository.ts';
import { createTag, findTagBySlug } from '#src/domain/tags/tag-repository.ts';
import { isTermSlugTaken } from '#src/domain/taxonomy/term-translation-repository.ts';
import { DomainError } from '#src/lib/errors.ts';
import { MAX_SLUG_LENGTH, SLUG_PATTERN, slugify } from '#src/lib/slug.ts';
import { cleanText } from '#src/lib/text-input.ts';
import { findImported, findImportedMany, rememberImported, rememberImportedMany, type ImportOrigin, type ImportedKind } from './import-records.ts';
import { addLine, type ImportReport } from './import-report.ts';
import { linksToOldSite, oldSiteLinkPaths, rewriteBodyLinks } from './link-rewriting.ts';

type Tx = Transaction<Database>;

/** The workflow state an imported post is given. */
export type ImportedStatus = 'published' | 'scheduled' | 'draft' | 'trashed';

/** One post of the old site, converted, ready to become an article. */
export type ImportedArticle = {
  /** The source's own key (WordPress GUID, Ghost id): a second run finds the article by it. */
  key: string;
  /** How the report names it: its title and old address. */
  label: string;
  title: string;
  /** The slug it had (made into our slug form here). */
  slug: string;
  standfirst: string;
  body: ArticleBody;
  sectionId: number;
  tagIds: number[];
  authorIds: number[];
  leadMediaId: number | null;
  leadCaption: string;
  status: ImportedStatus;
  /** Publication (or scheduled) instant, ISO UTC; null for a draft never dated. */
  date: string | null;
  /** Site paths it had on the old site ("/2013/01/11/slug/", "/?p=1178"): each answers 301 to its new path. */
  oldPaths: string[];
  /** Whether its body still links to the old site once written (set by writeArticles): the link pass at the end looks again. */
  linksToOldSite?: boolean;
};

/** A term as the old site named it. */
export type ImportedTerm = { key: string; name: string; slug: string; parentId?: number | null; description?: string; bio?: string };

/** A slug in our form made from the old one (which may be percent-encoded Cyrillic) or, failing that, from the name. */
export function slugFrom(oldSlug: string, name: string): string {
  let decoded = oldSlug;
  try {
    decoded = decodeURIComponent(oldSlug);
  } catch {
    // A stray % in an old slug: read it as it is.
  }
  const candidate = decoded.toLowerCase();
  if (SLUG_PATTERN.test(candidate) && candidate.length <= MAX_SLUG_LENGTH) return candidate;
  return slugify(decoded || name || 'item');
}

/** A single-line text cut to `max` characters, by the one text rule. */
function line(text: string, max: number): string {
  return cleanText(text).replace(/\s+/g, ' ').trim().slice(0, max);
}

/**
 * Writes what an import reads: terms, authors and articles, each remembered in import_records so a
 * second run updates instead of adding. A batch of articles is one transaction (the articles,
 * their relations, revisions, redirects and records), so a run stopped part-way leaves whole
 * batches behind. In a dry run nothing is written: ids are made up (negative) and counted.
 */
export function createImportTarget(context: Pick<AppContext, 'database' | 'config'>, origin: ImportOrigin, report: ImportReport, options: { dryRun: boolean; language: string }) {
  const db = context.database.db;
  let fakeId = 0;
  const cache = new Map<string, number>();
  const counts = (kind: ImportedKind) => report.counts[kind === 'article' ? 'articles' : kind === 'page' ? 'pages' : kind === 'media' ? 'media' : kind === 'section' ? 'sections' : kind === 'tag' ? 'tags' : 'authors'];

  /** A term found by its record, else adopted by its slug, else created by `create`. */
  async function ensureTerm(
    kind: 'section' | 'tag' | 'author',
    term: ImportedTerm,
    findBySlug: (slug: string) => Promise<{ id: number } | undefined>,
    create: (slug: string) => Promise<number>,
  ): Promise<number> {
    const cacheKey = `${kind}:${term.key}`;
    const cached = cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const remembered = await findImported(db, origin, kind, term.key);
    let id: number;
    if (remembered !== undefined) {
      id = remembered;
      counts(kind).unchanged++;
    } else {
      const slug = slugFrom(term.slug, term.name);
      const existing = await findBySlug(slug);
      if (existing) {
        id = existing.id;
        counts(kind).unchanged++;
      } else if (options.dryRun) {
        id = --fakeId;
        counts(kind).created++;
      } else {
        id = await create(slug);
        counts(kind).created++;
      }
      if (!options.dryRun) await rememberImported(db, origin, kind, term.key, id);
    }
    cache.set(cacheKey, id);
    return id;
  }

  const sectionPaths = new Map<string, string>();
  /**
   * publicArticlePath, with each section's part asked once per run (three queries an article, twice
   * over, were a third of an import's round trips on PostgreSQL); sections are not renamed mid-import.
   */
  async function articlePathOf(tx: Tx, fields: ArticleFields): Promise<string> {
    const key = `${fields.sectionId}:${fields.language}`;
    let prefix = sectionPaths.get(key);
    if (prefix === undefined) sectionPaths.set(key, (prefix = await publicArticlePath(tx, { ...fields, slug: '' })));
    return `${prefix}${fields.slug}`;
  }

  /** A section slug no route, language or other section owns: the wanted one, else wanted-2, … */
  async function freeSectionSlug(wanted: string, name: string): Promise<string> {
    for (let n = 1; n < 100; n++) {
      const candidate = n === 1 ? wanted : `${wanted.slice(0, MAX_SLUG_LENGTH - 4)}-${n}`;
      try {
        checkSectionSlug(candidate);
        await assertSectionSlugFree(db, candidate);
        if (candidate !== wanted) addLine(report, `category "${name}"`, `its slug "${wanted}" belongs to the application or a language here; the section is at /${candidate}`);
        return candidate;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    throw new Error(`No free section slug near "${wanted}".`);
  }

  async function freeTermSlug(kind: 'tag' | 'author', wanted: string): Promise<string> {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? wanted : `${wanted.slice(0, MAX_SLUG_LENGTH - 4)}-${n}`;
      if (!(await isTermSlugTaken(db, kind, candidate, undefined))) return candidate;
    }
  }

  /** Whether a stored article already says what the import would write. */
  function isSame(stored: ArticleFields & { status: string; publishedAt: string | null; scheduledAt: string | null }, fields: ArticleFields, article: ImportedArticle): boolean {
    const keys: Array<keyof ArticleFields> = ['sectionId', 'title', 'standfirst', 'body', 'leadMediaId', 'leadCaption', 'tagIds', 'authorIds'];
    if (keys.some((key) => JSON.stringify(stored[key]) !== JSON.stringify(fields[key]))) return false;
    if (stored.status !== article.status) return false;
    if (article.status === 'published') return stored.publishedAt === article.date;
    if (article.status === 'scheduled') return stored.scheduledAt === article.date;
    return true;
  }

  /** Records (in `redirects`, written with the batch) a 301 from each old path of a public article to its path here; answers how many. */
  async function redirectOldPaths(tx: Tx, redirects: PathChanges, article: ImportedArticle, fields: ArticleFields): Promise<number> {
    if (article.status !== 'published' && article.status !== 'scheduled') return 0;
    let recorded = 0;
    const path = await articlePathOf(tx, fields);
    const olds = new Set(article.oldPaths);
    await redirects.load([path, ...olds]);
    for (const old of olds) {
      if (old === path) continue;
      try {
        redirects.record(old, path);
        recorded++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addLine(report, article.label, `its old address ${old} cannot be redirected: ${error.message}`);
      }
    }
    return recorded;
  }

  /**
   * Gives a new article a slug no article of its section and language has, in the database or
   * earlier in this batch (`claimed`, by `language/sectionId`): the wanted one, else wanted-2, …
   * `isTaken`: whether the database has the wanted slug there (asked for the whole batch at once).
   */
  async function claimSlug(tx: Tx, article: ImportedArticle, fields: ArticleFields, isTaken: boolean, claimed: Map<string, Set<string>>): Promise<void> {
    const place = { language: fields.language, sectionId: fields.sectionId };
    const placeKey = `${place.language}/${place.sectionId}`;
    const inBatch = claimed.get(placeKey) ?? new Set<string>();
    claimed.set(placeKey, inBatch);
    // Most imported slugs are free: the section's -N slugs are read only for a clash.
    if (isTaken || inBatch.has(fields.slug)) {
      const taken = isTaken ? await findTakenSlugs(tx, place, fields.slug, null) : new Set<string>();
      for (const slug of inBatch) if (slug === fields.slug || slug.startsWith(`${fields.slug}-`)) taken.add(slug);
      let n = 2;
      while (taken.has(`${fields.slug}-${n}`)) n++;
      addLine(report, article.label, `another article in its section already has the slug "${fields.slug}"; this one is "${fields.slug}-${n}"`);
      fields.slug = `${fields.slug}-${n}`;
    }
    inBatch.add(fields.slug);
  }

  /** A new article's row and first revision, as insertArticle and writeRevision would write them. */
  async function planInsert(tx: Tx, article: ImportedArticle, fields: ArticleFields): Promise<{ row: NewArticle; revision: { kind: 'publish' | 'create'; snapshot: RevisionSnapshot } }> {
    const isPublished = article.status === 'published';
    return {
      row: {
        fields,
        status: article.status,
        publishedAt: isPublished ? article.date : null,
        scheduledAt: article.status === 'scheduled' ? article.date : null,
      },
      revision: isPublished ? { kind: 'publish', snapshot: { ...fields, publishedPath: await articlePathOf(tx, fields) } } : { kind: 'create', snapshot: fields },
    };
  }

  /** Updates an article imported before; answers what happened and the fields it has now (for its path). */
  async function update(tx: Tx, id: number, article: ImportedArticle, fields: ArticleFields): Promise<{ outcome: 'updated' | 'unchanged' | 'gone'; merged: ArticleFields }> {
    const stored = await findArticleById(tx, id);
    if (!stored) return { outcome: 'gone', merged: fields };
    // A second run keeps the slug and language the article has here: an editor may have changed them.
    const merged: ArticleFields = { ...fields, slug: stored.slug, language: stored.language, translationOfId: stored.translationOfId, locationId: stored.locationId, leadCredit: stored.leadCredit, sourceAttribution: stored.sourceAttribution };
    if (isSame(stored, merged, article)) return { outcome: 'unchanged', merged };
    if (options.dryRun) return { outcome: 'updated', merged };
    let version = stored.version;
    if (!(await updateArticleFields(tx, id, version, merged, null))) throw new Error(`Article ${id} changed while it was being imported.`);
    version++;
    await writeRevision(tx, id, version, 'save', merged, null);
    const state = {
      status: article.status,
      publishedAt: article.status === 'published' ? article.date : stored.publishedAt,
      scheduledAt: article.status === 'scheduled' ? article.date : null,
      ...(article.status === 'trashed' && stored.status !== 'trashed' ? { statusBeforeTrash: stored.status } : {}),
    };
    await updateArticleState(tx, id, version, state, null);
    return { outcome: 'updated', merged };
  }

  return {
    /** A section (a WordPress category), nested under `parentId`; found, adopted or created. */
    ensureSection(term: ImportedTerm): Promise<number> {
      return ensureTerm('section', term, (slug) => findSectionBySlug(db, slug), async (slug) =>
        createSection(db, { name: line(term.name || slug, 200), slug: await freeSectionSlug(slug, term.name), parentId: term.parentId ?? null, description: line(term.description ?? '', 1000) }),
      );
    },

    /** A tag; found, adopted or created. */
    ensureTag(term: ImportedTerm): Promise<number> {
      return ensureTerm('tag', term, (slug) => findTagBySlug(db, slug), async (slug) => createTag(db, { name: line(term.name || slug, 100), slug: await freeTermSlug('tag', slug) }));
    },

    /** An author profile (never an account); found, adopted or created. */
    ensureAuthor(term: ImportedTerm): Promise<number> {
      return ensureTerm('author', term, (slug) => findAuthorBySlug(db, slug), async (slug) =>
        createAuthor(db, { name: line(term.name || slug, 200), slug: await freeTermSlug('author', slug), bio: cleanText(term.bio ?? '', { multiline: true }).slice(0, 5000) }),
      );
    },

    /**
     * Creates or updates the articles imported posts became, with their redirects, in one
     * transaction (a batch commits whole or not at all: one commit per article was most of an
     * import's time) and a few statements per kind of row for the new ones (18 round trips an
     * article were most of the rest on PostgreSQL); answers their ids in order.
     */
    async writeArticles(articles: ImportedArticle[]): Promise<number[]> {
      const batch = articles.map((article) => {
        const title = line(article.title, ARTICLE_LIMITS.title) || '(untitled)';
        if (line(article.title, 100_000).length > ARTICLE_LIMITS.title) addLine(report, article.label, `the title was cut to ${ARTICLE_LIMITS.title} characters`);
        const fields: ArticleFields = {
          sectionId: article.sectionId,
          slug: slugFrom(article.slug, title),
          title,
          standfirst: line(article.standfirst, ARTICLE_LIMITS.standfirst),
          body: article.body,
          leadMediaId: article.leadMediaId,
          leadCaption: line(article.leadCaption, ARTICLE_LIMITS.caption),
          leadCredit: '',
          locationId: null,
          sourceAttribution: '',
          tagIds: [...new Set(article.tagIds)].slice(0, ARTICLE_LIMITS.relations),
          authorIds: [...new Set(article.authorIds)].slice(0, ARTICLE_LIMITS.relations),
          language: options.language,
          translationOfId: null,
          ...NO_SEARCH_AND_SOCIAL,
        };
        return { article, fields };
      });
      const outcomes: Array<'created' | 'updated' | 'unchanged'> = [];
      let redirects = 0;
      /** Writes a part of the batch in which no source key comes twice. */
      const writePart = async (tx: Tx, prepared: typeof batch): Promise<number[]> => {
        // What the batch needs to know is asked for all of it at once: which posts are in already,
        // which new slugs are taken, where the old paths its bodies link to and its posts had now
        // lead. New articles, their revisions and records, and the redirects are then written in a
        // few statements each; only posts imported before are updated one by one.
        const known = await findImportedMany(tx, origin, 'article', prepared.map(({ article }) => article.key));
        // A dry run writes nothing, so it gives no slugs and records no redirects.
        const fresh = options.dryRun ? [] : prepared.filter(({ article }) => !known.has(article.key));
        const takenInDb = await findTakenAddresses(tx, fresh.map(({ fields }) => fields));
        const claimed = new Map<string, Set<string>>();
        for (const { article, fields } of fresh) await claimSlug(tx, article, fields, takenInDb.has(`${fields.language}/${fields.sectionId}/${fields.slug}`), claimed);
        const pathChanges = createPathChanges(tx);
        const newPaths: string[] = [];
        for (const { fields } of fresh) newPaths.push(await articlePathOf(tx, fields));
        await pathChanges.load([...prepared.flatMap(({ article, fields }) => [...oldSiteLinkPaths(fields.body, origin.site), ...(options.dryRun ? [] : article.oldPaths)]), ...newPaths]);

        const written: Array<number | null> = [];
        const inserts: Array<{ index: number; key: string; plan: Awaited<ReturnType<typeof planInsert>> }> = [];
        for (const { article, fields } of prepared) {
          // Links to posts already in (earlier in this batch too) point at their new addresses now
          // (a second run then compares like with like); later ones at the end of the run.
          rewriteBodyLinks(fields.body, origin.site, context.config.baseUrl, pathChanges.lookup);
          article.linksToOldSite = linksToOldSite(fields.body, origin.site);
          let id = known.get(article.key);
          let outcome: 'created' | 'updated' | 'unchanged' | 'gone' = 'created';
          let stored = fields;
          if (id !== undefined) ({ outcome, merged: stored } = await update(tx, id, article, fields));
          if (options.dryRun) {
            outcomes.push(outcome === 'gone' ? 'created' : outcome);
            if (article.status === 'published' || article.status === 'scheduled') redirects += new Set(article.oldPaths).size;
            written.push(id ?? --fakeId);
            continue;
          }
          if (id === undefined || outcome === 'gone') {
            // Never imported, or deleted here since: (re)created.
            if (id !== undefined) await claimSlug(tx, article, fields, (await findTakenAddresses(tx, [fields])).size > 0, claimed);
            inserts.push({ index: written.length, key: article.key, plan: await planInsert(tx, article, fields) });
            outcome = 'created';
            id = undefined;
            stored = fields;
          }
          outcomes.push(outcome);
          redirects += await redirectOldPaths(tx, pathChanges, article, stored);
          written.push(id ?? null);
        }
        if (options.dryRun) return written as number[];
        const newIds = await insertArticles(tx, inserts.map(({ plan }) => plan.row));
        await insertRevisions(tx, inserts.map(({ plan }, i) => ({ articleId: newIds[i]!, version: 1, kind: plan.revision.kind, snapshot: plan.revision.snapshot })), null);
        await rememberImportedMany(tx, origin, 'article', inserts.map(({ key }, i) => ({ sourceKey: key, targetId: newIds[i]! })));
        await pathChanges.flush();
        inserts.forEach(({ index }, i) => (written[index] = newIds[i]!));
        return written as number[];
      };
      const ids = await db.transaction().execute(async (tx) => {
        const written: number[] = [];
        for (const part of partsWithoutRepeatedKeys(batch)) written.push(...(await writePart(tx, part)));
        return written;
      });
      // Counted once the batch is in: a batch rolled back counts nothing.
      outcomes.forEach((outcome, index) => {
        counts('article')[outcome]++;
        const status = batch[index]!.article.status;
        report.statuses[status] = (report.statuses[status] ?? 0) + 1;
      });
      report.redirects += redirects;
      return ids;
    },
  };
}

/**
 * A batch cut before each source key that comes again (exports repeat GUIDs): a later part finds
 * the article an earlier one made, and updates it, as one by one.
 */
function partsWithoutRepeatedKeys<T extends { article: ImportedArticle }>(batch: T[]): T[][] {
  const parts: T[][] = [[]];
  let keys = new Set<string>();
  for (const item of batch) {
    if (keys.has(item.article.key)) {
      parts.push([]);
      keys = new Set();
    }
    keys.add(item.article.key);
    parts[parts.length - 1]!.push(item);
  }
  return parts.filter((part) => part.length > 0);
}

/** The writing side of one import run. */
export type ImportTarget = ReturnType<typeof createImportTarget>;

/** Articles written per transaction. */
export const ARTICLE_BATCH_SIZE = 200;

/**
 * Gathers converted articles and writes them ARTICLE_BATCH_SIZE at a time. Remembers which ones
 * link to the old site (for the link pass at the end), and names the batch in the air when a write fails.
 */
export function createArticleBatcher(target: ImportTarget) {
  let pending: ImportedArticle[] = [];
  const linking: number[] = [];
  async function flush(): Promise<void> {
    if (pending.length === 0) return;
    const ids = await target.writeArticles(pending);
    pending.forEach((article, index) => {
      if (article.linksToOldSite && ids[index]! > 0) linking.push(ids[index]!);
    });
    pending = [];
  }
  return {
    async add(article: ImportedArticle): Promise<void> {
      pending.push(article);
      if (pending.length >= ARTICLE_BATCH_SIZE) await flush();
    },
    flush,
    /** The articles not yet written, as the report names where a run stopped. */
    pendingLabel(): string | null {
      if (pending.length === 0) return null;
      return pending.length === 1 ? pending[0]!.label : `the ${pending.length} posts from ${pending[0]!.label} to ${pending[pending.length - 1]!.label} (none of them written)`;
    },
    /** Ids of written articles whose bodies link to the old site. */
    linking,
  };
}
