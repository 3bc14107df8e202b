import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { signedInAs, type HttpSession } from '../../support/auth.ts';
import {
  createArticleFixture,
  createAuthorFixture,
  createImageFixture,
  createLocationFixture,
  createPublishedArticle,
  createSectionFixture,
  createTagFixture,
} from '../../support/factories.ts';
import { arbitraryFor, hostileJson, pathParameter } from '../../support/hostile-arbitraries.ts';

/**
 * Property: no input makes an /api/admin or /api/content route answer 5xx. Every route is found in the OpenAPI
 * document (which the routes' own zod schemas write), so a route added later is covered without
 * touching this file. Inputs are built from each route's schema by fast-check: mostly well-shaped,
 * so they pass validation and reach the service and the database, with hostile strings and
 * numbers inside. On a failure fast-check prints the seed and the smallest input that fails.
 *
 * RUNS_PER_ROUTE (default 25) sets the number of requests per route; QALAM_FC_SEED replays a run.
 */

type Operation = {
  parameters?: { in: string; name: string; schema?: Record<string, unknown> }[];
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
};
type OpenApi = { paths: Record<string, Record<string, Operation>> };

const RUNS_PER_ROUTE = Number(process.env.RUNS_PER_ROUTE ?? 25);
const SEED = process.env.QALAM_FC_SEED ? Number(process.env.QALAM_FC_SEED) : undefined;

/** A well-formed body `depth` blockquotes deep: valid JSON, so only the body schema can refuse it. */
function nestedDocument(depth: number): string {
  const open = '{"type":"blockquote","content":['.repeat(depth);
  const close = ']}'.repeat(depth);
  return `{"type":"doc","content":[${open}{"type":"paragraph"}${close}]}`;
}

/** A request's answer, reduced to what the property looks at. */
type Answer = { status: number; body: string };

describe('hostile input to every /api/admin and /api/content route', () => {
  let server: TestServer;
  let admin: HttpSession;
  let document: OpenApi;
  let realIds: number[];

  before(async () => {
    server = await startTestServer();
    admin = await signedInAs(server, 'admin');
    const context = server.context;
    const section = await createSectionFixture(context);
    const [draft, published, tag, author, location, image] = await Promise.all([
      createArticleFixture(context, { sectionId: section.id, title: 'A draft for hostile input' }),
      createPublishedArticle(context, { sectionId: section.id, title: 'A live story for hostile input' }),
      createTagFixture(context),
      createAuthorFixture(context),
      createLocationFixture(context),
      createImageFixture(context),
    ]);
    realIds = [...new Set([section.id, draft.id, published.id, tag.id, author.id, location.id, image.id])];
    document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApi;
  });

  after(async () => server?.close());

  async function send(method: string, path: string, body: string | undefined): Promise<Answer> {
    const headers: Record<string, string> = { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${server.url}${path}`, { method, headers, body, redirect: 'manual' });
    return { status: response.status, body: await response.text() };
  }

  /** A refusal must say what is wrong, in a JSON body with a message a person can read. */
  function assertAnswered(label: string, answer: Answer): void {
    assert.ok(answer.status < 500, `${label} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    if (answer.status >= 400) {
      const parsed = JSON.parse(answer.body) as { message?: unknown };
      assert.equal(typeof parsed.message, 'string', `${label}: a ${answer.status} without a message`);
      // A stack frame is a line break, indentation and "at " (JSON escapes the break as \n).
      assert.ok(!/(?:\n|\\n)\s+at \S/.test(answer.body), `${label}: a stack trace in the answer`);
    }
  }

  function requestArbitrary(path: string, operation: Operation) {
    const parameters = operation.parameters ?? [];
    const pathValues = fc.record(
      Object.fromEntries(parameters.filter((p) => p.in === 'path').map((p) => [p.name, pathParameter(realIds)])),
    );
    const queryValues = fc.record(
      Object.fromEntries(parameters.filter((p) => p.in === 'query').map((p) => [p.name, arbitraryFor(p.schema as never)])),
      { requiredKeys: [] },
    );
    const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
    const body = operation.requestBody ? arbitraryFor(bodySchema as never) : fc.constant(undefined);
    return fc.record({ pathValues, queryValues, body }).map(({ pathValues: values, queryValues: query, body: json }) => {
      const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) {
        search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
      }
      const queryString = search.size ? `?${search}` : '';
      return { url: `${concrete}${queryString}`, body: json === undefined ? undefined : JSON.stringify(json) };
    });
  }

  it('never answers 5xx to inputs built from each route’s schema, on this database', async () => {
    const routes = Object.entries(document.paths).filter(([path]) => /^\/api\/(admin|content)\//.test(path));
    assert.ok(routes.filter(([path]) => path.startsWith('/api/admin/')).length >= 20, `the OpenAPI document lists too few admin routes`);
    for (const [path, operations] of routes) {
      for (const [method, operation] of Object.entries(operations)) {
        const verb = method.toUpperCase();
        await fc.assert(
          fc.asyncProperty(requestArbitrary(path, operation), async (request) => {
            assertAnswered(`${verb} ${request.url}`, await send(verb, request.url, request.body));
          }),
          { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true, includeErrorInReport: true },
        );
      }
    }
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });

  it('refuses malformed, truncated and deeply nested JSON bodies with a 4xx', async () => {
    const raw = fc.oneof(
      hostileJson(3).map((value) => JSON.stringify(value) ?? 'null'),
      fc.constantFrom('{', '{"title": "', '[]', 'null', '"\\u0000"', '{"title": "\\ud800"}', `{"body":${'['.repeat(5000)}${']'.repeat(5000)}}`),
      fc.integer({ min: 100, max: 100_000 }).map((depth) => `{"version":1,"body":${'{"type":"doc","content":['.repeat(depth)}`),
    );
    // Described by its depth, so a failure prints { nestedDepth: N } rather than the megabyte it sends.
    const deep = fc.integer({ min: 21, max: 20_000 }).map((nestedDepth) => ({ nestedDepth }));
    const bodies = fc.oneof(raw, deep);
    const writes = Object.entries(document.paths).flatMap(([path, operations]) =>
      path.startsWith('/api/admin/') ? Object.entries(operations).filter(([, op]) => op.requestBody).map(([method]) => ({ method, path })) : [],
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), bodies, async (route, body) => {
        const url = route.path.replace(/\{\w+\}/g, String(realIds[1]));
        const text = typeof body === 'string' ? body : `{"version":1,"title":"Deep","body":${nestedDocument(body.nestedDepth)}}`;
        const answer = await send(route.method.toUpperCase(), url, text);
        assertAnswered(`${route.method.toUpperCase()} ${url}`, answer);
      }),
      { numRuns: RUNS_PER_ROUTE * 4, seed: SEED, endOnFailure: true, includeErrorInReport: true },
    );
  });
});
