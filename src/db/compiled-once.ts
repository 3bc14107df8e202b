import type { Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './database.ts';
import { prepareStatement } from './prepared-statements.ts';

/** A value a query compares with: a leaf, a list of leaves (`in`), or absent (which changes the query's shape). */
type ParamValue = string | number | boolean | null | undefined | ReadonlyArray<string | number>;
/** The values of one run, by name; objects nest (a filter). */
export type QueryParams = { readonly [name: string]: ParamValue | QueryParams };

/** Where a compiled query's parameter comes from on each run: a value of the call (by its index), or the constant the builder wrote. */
type Slot = { arg: number } | { fixed: unknown };

// Stands in for the n-th value while the query is built: a string no caller passes.
const MARK = '\u0000qalam-param:';

/** The leaves of `params` in a fixed order (sorted names), and the signature of its shape: which are absent, how long each list is. */
function flatten(params: QueryParams, leaves: unknown[], mark: boolean): unknown {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (value === undefined || value === null) out[name] = value;
    else if (Array.isArray(value)) out[name] = value.map((item) => (leaves.push(item), mark ? `${MARK}${leaves.length - 1}` : 0));
    else if (typeof value === 'object') out[name] = flatten(value as QueryParams, leaves, mark);
    else out[name] = (leaves.push(value), mark ? `${MARK}${leaves.length - 1}` : 0);
  }
  return out;
}

/**
 * A query built and compiled by Kysely once per shape, then run with each call's values: on a
 * read every request makes (the Content API list), building the query tree and compiling it to
 * SQL cost about as much CPU as SQLite running it. The shape is `shape` (values that change the
 * SQL itself: a sort order) with which `params` are absent and how long each list is; `build`
 * must place every value of `params` in the query as a parameter and decide nothing by it (it
 * sees stand-ins, not the values): a value it does not place, or places inside another string,
 * is refused when the shape is first compiled.
 * With `prepared`, PostgreSQL also keeps the query parsed and planned on each connection
 * (prepared-statements.ts): for lookups by key, whose plan their values do not change.
 */
export function compiledOnce<Shape extends string, Params extends QueryParams, Row>(
  build: (db: Executor, shape: Shape, params: Params) => Compilable<Row>,
  options: { prepared?: boolean } = {},
): (db: Executor, shape: Shape, params: Params) => Promise<Row[]> {
  // Per database handle (SQL differs between dialects); shapes are few, lists up to a page long.
  const byDatabase = new WeakMap<Executor, Map<string, { query: CompiledQuery<Row>; slots: Slot[] }>>();
  return async (db, shape, params) => {
    const values: unknown[] = [];
    const key = `${shape}:${JSON.stringify(flatten(params, values, false))}`;
    let compiled = byDatabase.get(db);
    if (!compiled) byDatabase.set(db, (compiled = new Map()));
    let entry = compiled.get(key);
    if (!entry) {
      const stand = flatten(params, [], true) as Params;
      const query = build(db, shape, stand).compile();
      const slots = query.parameters.map((parameter): Slot => {
        if (typeof parameter === 'string' && parameter.startsWith(MARK)) return { arg: Number(parameter.slice(MARK.length)) };
        if (typeof parameter === 'string' && parameter.includes(MARK)) throw new Error(`compiledOnce: a value was placed inside a larger string in ${query.sql}`);
        return { fixed: parameter };
      });
      const placed = new Set(slots.flatMap((slot) => ('arg' in slot ? [slot.arg] : [])));
      if (placed.size !== values.length) throw new Error(`compiledOnce: ${values.length - placed.size} value(s) not placed as parameters in ${query.sql}`);
      if (options.prepared) prepareStatement(query.sql);
      if (compiled.size >= 1000) compiled.clear();
      compiled.set(key, (entry = { query, slots }));
    }
    const parameters = entry.slots.map((slot) => ('arg' in slot ? values[slot.arg] : slot.fixed));
    return (await db.executeQuery<Row>({ ...entry.query, parameters })).rows;
  };
}
