import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { PageCache } from '#src/cache/page-cache.ts';
import { ANONYMOUS } from '#src/domain/people/actor.ts';
import { respondWithPage } from '#src/web/site/page-response.ts';

/** A render the test lets finish when it chooses, counting how often it ran. */
function heldRender(tags: string[]) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const render = {
    runs: 0,
    release,
    page: async () => {
      render.runs++;
      await gate;
      return { kind: 'page' as const, html: `<p>${tags.join(' ')} ${render.runs}</p>`, tags };
    },
  };
  return render;
}

describe('respondWithPage over HTTP', () => {
  let app: FastifyInstance;
  let url: string;
  const cache = new PageCache();
  const renders = new Map<string, ReturnType<typeof heldRender>>();

  before(async () => {
    app = Fastify();
    app.decorateRequest('actor', null as never);
    app.addHook('onRequest', async (request) => {
      request.actor = ANONYMOUS;
    });
    app.get<{ Params: { name: string } }>('/:name', (request, reply) => respondWithPage(request, reply, cache, `/${request.params.name}`, () => renders.get(request.params.name)!.page()));
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => app.close());

  it('renders a page once for twenty readers who miss it together', async () => {
    const render = heldRender(['article:10']);
    renders.set('together', render);
    const answers = Array.from({ length: 20 }, () => fetch(`${url}/together`).then(async (r) => [r.status, await r.text()]));
    while (render.runs === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    render.release();
    const results = await Promise.all(answers);
    assert.equal(render.runs, 1);
    assert.deepEqual(new Set(results.map((r) => JSON.stringify(r))), new Set([JSON.stringify([200, '<p>article:10 1</p>'])]));
  });

  it('caches a page rendered while an unrelated story was republished, and not one whose own story changed meanwhile', async () => {
    const unrelated = heldRender(['article:20', 'section:2']);
    const own = heldRender(['article:1', 'lists']);
    renders.set('unrelated', unrelated);
    renders.set('own', own);
    const answers = [fetch(`${url}/unrelated`), fetch(`${url}/own`)];
    while (unrelated.runs === 0 || own.runs === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // The live story (article 1, on every list) is republished while both renders run.
    cache.invalidateTags(['article:1', 'lists']);
    unrelated.release();
    own.release();
    await Promise.all(answers.map(async (a) => (await a).text()));
    await (await fetch(`${url}/unrelated`)).text();
    await (await fetch(`${url}/own`)).text();
    assert.equal(unrelated.runs, 1, 'the unrelated page was stored and served from the cache');
    assert.equal(own.runs, 2, 'the page showing the changed story was rendered again');
  });
});
