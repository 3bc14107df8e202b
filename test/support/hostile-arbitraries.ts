import fc from 'fast-check';

/**
 * fast-check arbitraries that build hostile inputs from a route's own JSON Schema (the OpenAPI
 * document the zod schemas generate): values that mostly have the right shape, so they get past
 * the first check and reach the service and the database, with strings full of what breaks
 * things (NUL and other controls, lone surrogates, combining marks, markup, SQL, huge lengths).
 */

type JsonSchema = {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  /** OpenAPI 3.1 (JSON Schema 2020-12) writes a literal as `const`, where 3.0 wrote a one-value enum. */
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  maxLength?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  $ref?: string;
};

/** Strings people and attackers actually send. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'Astana\u0000news',
  'tab\there\nnew\rline\u000b\u000c',
  '\u0007\u001b[31mred\u007f\u0085\u009f',
  '\ud800',
  'x\udc00y',
  'a\u0301\u0301\u0301\u0301',
  '\u202eevil\u202c',
  '\ufeff\u200b\u00ad',
  'Қазақстан Республикасы',
  'İı',
  '😀👨‍👩‍👧',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; drop table articles; --",
  '%00%0a%0d',
  '../../etc/passwd',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '\\',
  '1e309',
  'null',
];

/** A string that is usually hostile and sometimes longer than the field allows. */
export function hostileString(maxLength = 300): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...NASTY_STRINGS),
    fc.string({ unit: 'binary', maxLength: Math.min(maxLength, 200) }),
    fc.string({ unit: 'grapheme', maxLength: Math.min(maxLength, 200) }),
    fc.array(fc.constantFrom(...NASTY_STRINGS), { maxLength: 6 }).map((parts) => parts.join(' ')),
    fc.constant('ж'.repeat(maxLength + 1)),
  );
}

/** Numbers at and beyond every edge a column or a parser has. */
export function hostileNumber(): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min: -3, max: 30 }),
    fc.constantFrom(0, -1, 2 ** 31, 2 ** 31 - 1, 2 ** 53, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1.5, 1e300),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
}

/** Any JSON value, strings hostile, bounded in size. */
export function hostileJson(depth = 3): fc.Arbitrary<unknown> {
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: depth },
      hostileString(),
      hostileNumber(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(hostileString(20), tie('value'), { maxKeys: 4 }),
    ),
  }));
  return value;
}

/** Something shaped like an article body node (the recursive part the OpenAPI document leaves as a $ref). */
function documentNode(depth: number): fc.Arbitrary<unknown> {
  const text = fc.record({ type: fc.constant('text'), text: hostileString(500) });
  if (depth <= 0) return text;
  return fc.oneof(
    text,
    fc.record({
      type: fc.constantFrom('paragraph', 'heading', 'blockquote', 'bulletList', 'listItem', 'figure', 'embed', 'nope'),
      attrs: fc.option(fc.dictionary(fc.constantFrom('level', 'mediaId', 'url', 'caption', 'credit', 'alt', 'href'), hostileJson(1)), { nil: undefined }),
      content: fc.array(documentNode(depth - 1), { maxLength: 3 }),
    }),
  );
}

/** A value for `schema`: well-shaped most of the time (so it reaches the code behind validation), hostile inside. */
export function arbitraryFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 8) return hostileJson(1);
  if (schema.$ref) return documentNode(4);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((variant) => arbitraryFor(variant, depth + 1)));
  if (schema.allOf?.length) return arbitraryFor(schema.allOf[0], depth + 1);
  const shaped = shapedArbitrary(schema, depth);
  const withNull = schema.nullable ? fc.oneof(shaped, fc.constant(null)) : shaped;
  // One value in ten ignores the schema altogether: the validator must refuse it cleanly.
  return fc.oneof({ weight: 9, arbitrary: withNull }, { weight: 1, arbitrary: hostileJson(2) });
}

function shapedArbitrary(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.oneof(fc.constantFrom(...schema.enum), hostileString(40));
  if ('const' in schema) return fc.oneof(fc.constant(schema.const), hostileString(40));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return hostileString(schema.maxLength ?? 300);
    case 'integer':
    case 'number':
      return hostileNumber();
    case 'boolean':
      return fc.boolean();
    // A nullable value's other branch (anyOf [..., { type: 'null' }]).
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(arbitraryFor(schema.items, depth + 1), { maxLength: Math.min(schema.maxItems ?? 5, 5) });
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      const fields = Object.fromEntries(properties.map(([name, property]) => [name, arbitraryFor(property, depth + 1)]));
      const requiredKeys = properties.map(([name]) => name).filter((name) => required.has(name));
      return fc.record(fields, { requiredKeys });
    }
    default:
      return hostileJson(2);
  }
}

/** A path parameter: usually a real id (so the request reaches the row), sometimes anything at all. */
export function pathParameter(realIds: number[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...realIds).map(String) },
    { weight: 1, arbitrary: hostileNumber().map(String) },
    { weight: 1, arbitrary: hostileString(40).map((value) => encodeURIComponent(Buffer.from(value).toString())) },
  );
}
