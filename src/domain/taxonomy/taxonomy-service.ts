import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { NotFound } from '#src/lib/errors.ts';

/** What an actor may try to do with one of the taxonomies (sections, tags, authors, locations). */
export type TaxonomyAction = 'read' | 'create' | 'update';

/** One taxonomy's repository and policy, as its service binds them. */
export type TaxonomyArea<Item, Input> = {
  /** Audit subject type and the noun in messages: 'section', 'tag', 'author', 'location'. */
  subject: 'section' | 'tag' | 'author' | 'location';
  can(actor: Actor, action: TaxonomyAction): boolean;
  list(db: Executor): Promise<Item[]>;
  find(db: Executor, id: number): Promise<Item | undefined>;
  /** Inserts; answers the id. Refuses bad input with Invalid(field). */
  insert(db: Executor, input: Input): Promise<number>;
  /** Updates; answers whether the row existed. Refuses bad input with Invalid(field). */
  update(db: Executor, id: number, input: Partial<Input>): Promise<boolean>;
};

/**
 * The service of a taxonomy: every method takes the actor first and asks the area's policy; a
 * write, its audit entry ('taxonomy.created' / 'taxonomy.updated') share one transaction, and
 * 'taxonomy.updated' is emitted after commit (listeners refresh cached pages and menus).
 */
export function createTaxonomyService<Item, Input extends Record<string, unknown>>(context: Pick<AppContext, 'database' | 'events'>, area: TaxonomyArea<Item, Input>) {
  const db = context.database.db;
  const assertCan = (actor: Actor, action: TaxonomyAction) => assertAllowed(actor, area.can(actor, action), `${action} ${area.subject}s`);

  return {
    /** Every item, in the area's list order. */
    async list(actor: Actor): Promise<Item[]> {
      assertCan(actor, 'read');
      return area.list(db);
    },

    /** One item; NotFound when it does not exist. */
    async get(actor: Actor, id: number): Promise<Item> {
      assertCan(actor, 'read');
      const item = await area.find(db, id);
      if (!item) throw new NotFound(`That ${area.subject}`);
      return item;
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
  };
}

/** A taxonomy service as routes use it. */
export type TaxonomyService<Item, Input extends Record<string, unknown>> = ReturnType<typeof createTaxonomyService<Item, Input>>;
