import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { renameWithRedirect } from '#src/domain/redirects/rename-with-redirect.ts';
import { NotFound } from '#src/lib/errors.ts';
import {
  deleteTermTranslation,
  findTermTranslation,
  listTermTranslations,
  upsertTermTranslation,
  type TermTranslations,
} from './term-translation-repository.ts';
import { assertTranslatableLanguage, checkTermTranslation, type TermTranslationInput } from './term-translation-rules.ts';

export type { TermTranslationInput, TermTranslations };

/** A term as the newsroom lists it: its own fields (the default language's) and its translations by language. */
export type WithTranslations<Item> = Item & { translations: TermTranslations };

/** What an actor may try to do with one of the taxonomies (sections, tags, authors, locations). */
export type TaxonomyAction = 'read' | 'create' | 'update';

/** One taxonomy's repository and policy, as its service binds them. */
export type TaxonomyArea<Item, Input> = {
  /** Audit subject type and the noun in messages: 'section', 'tag', 'author', 'location'. */
  subject: 'section' | 'tag' | 'author' | 'location';
  can(actor: Actor, action: TaxonomyAction): boolean;
  list(db: Executor): Promise<Item[]>;
  find(db: Executor, id: number): Promise<Item | undefined>;
  /** The term's slug (undefined for locations, which have no page): where its pages are in the default language. */
  slugOf?(item: Item): string;
  /** Inserts; answers the id. Refuses bad input with Invalid(field). */
  insert(db: Executor, input: Input): Promise<number>;
  /** Updates; answers whether the row existed. Refuses bad input with Invalid(field). */
  update(db: Executor, id: number, input: Partial<Input>): Promise<boolean>;
};

/**
 * The service of a taxonomy: every method takes the actor first and asks the area's policy; a
 * write, its audit entry ('taxonomy.created' / 'taxonomy.updated' / 'taxonomy.translated') share
 * one transaction, and 'taxonomy.updated' is emitted after commit (listeners refresh cached pages
 * and menus). A term has its own name, slug and description (the default language's) and one
 * translation per other site language (term_translations).
 */
export function createTaxonomyService<Item extends { id: number }, Input extends Record<string, unknown>>(
  context: Pick<AppContext, 'database' | 'events'>,
  area: TaxonomyArea<Item, Input>,
) {
  const db = context.database.db;
  const assertCan = (actor: Actor, action: TaxonomyAction) => assertAllowed(actor, area.can(actor, action), `${action} ${area.subject}s`);

  async function findOrFail(executor: Executor, id: number): Promise<Item> {
    const item = await area.find(executor, id);
    if (!item) throw new NotFound(`That ${area.subject}`);
    return item;
  }

  /** Where the term's pages in `language` moved when its slug there went from `from` to `to` (sections, tags and authors have pages). */
  function movePages(executor: Executor, id: number, language: string, from: string | null | undefined, to: string | null | undefined) {
    if (area.subject === 'location') return Promise.resolve();
    const rename = { kind: area.subject, termId: id, language, from: from ?? undefined, to: to ?? undefined };
    return renameWithRedirect(executor, rename, async () => undefined);
  }

  return {
    /** Every item with its translations, in the area's list order. */
    async list(actor: Actor): Promise<Array<WithTranslations<Item>>> {
      assertCan(actor, 'read');
      const [items, translations] = await Promise.all([area.list(db), listTermTranslations(db, area.subject)]);
      return items.map((item) => ({ ...item, translations: translations.get(item.id) ?? {} }));
    },

    /** One item with its translations; NotFound when it does not exist. */
    async get(actor: Actor, id: number): Promise<WithTranslations<Item>> {
      assertCan(actor, 'read');
      const [item, translations] = await Promise.all([findOrFail(db, id), listTermTranslations(db, area.subject, [id])]);
      return { ...item, translations: translations.get(id) ?? {} };
    },

    /** Creates an item; answers its id. */
    async create(actor: Actor, input: Input): Promise<number> {
      assertCan(actor, 'create');
      const audit = (id: number) => ({ action: 'taxonomy.created' as const, subjectType: area.subject, subjectId: id, details: input });
      return commitAudited(context, actor, (tx) => area.insert(tx, input), audit, 'taxonomy.updated');
    },

    /** Changes an item (a new slug redirects its old pages); NotFound when it does not exist. */
    async update(actor: Actor, id: number, input: Partial<Input>): Promise<void> {
      assertCan(actor, 'update');
      const change = async (tx: Executor) => {
        if (!(await area.update(tx, id, input))) throw new NotFound(`That ${area.subject}`);
      };
      const audit = () => ({ action: 'taxonomy.updated' as const, subjectType: area.subject, subjectId: id, details: input });
      await commitAudited(context, actor, change, audit, 'taxonomy.updated');
    },

    /**
     * Sets the item's name, slug and description in `language` (a site language other than the
     * default; see term-translation-rules.ts). Whoever may edit the item may; a changed slug
     * redirects that language's old pages. NotFound when the item does not exist.
     */
    async saveTranslation(actor: Actor, id: number, language: string, input: TermTranslationInput): Promise<void> {
      assertCan(actor, 'update');
      const change = async (tx: Executor) => {
        const item = await findOrFail(tx, id);
        await assertTranslatableLanguage(tx, language);
        const translation = await checkTermTranslation(tx, area.subject, id, language, input);
        const before = await findTermTranslation(tx, area.subject, id, language);
        await upsertTermTranslation(tx, area.subject, id, translation);
        await movePages(tx, id, language, before ? before.slug : area.slugOf?.(item), translation.slug);
        return translation;
      };
      const audit = (translation: { name: string; slug: string | null }) => ({
        action: 'taxonomy.translated' as const,
        subjectType: area.subject,
        subjectId: id,
        details: { language, name: translation.name, slug: translation.slug },
      });
      await commitAudited(context, actor, change, audit, 'taxonomy.updated');
    },

    /** Drops the item's translation into `language`: that language shows its own name again, and its old pages redirect. */
    async removeTranslation(actor: Actor, id: number, language: string): Promise<void> {
      assertCan(actor, 'update');
      const change = async (tx: Executor) => {
        const item = await findOrFail(tx, id);
        const before = await findTermTranslation(tx, area.subject, id, language);
        if (!before || !(await deleteTermTranslation(tx, area.subject, id, language))) throw new NotFound(`The ${language} translation of that ${area.subject}`);
        await movePages(tx, id, language, before.slug, area.slugOf?.(item));
      };
      const audit = () => ({ action: 'taxonomy.translated' as const, subjectType: area.subject, subjectId: id, details: { language, removed: true } });
      await commitAudited(context, actor, change, audit, 'taxonomy.updated');
    },
  };
}

/** A taxonomy service as routes use it. */
export type TaxonomyService<Item extends { id: number }, Input extends Record<string, unknown>> = ReturnType<typeof createTaxonomyService<Item, Input>>;
