import { randomBytes } from 'node:crypto';
import { loginAs } from '../test/support/auth.ts';
import { capture } from './captured.ts';
import { randomPort, runQalam, serveQalam } from './qalam-process.ts';

/** How one page of one process saw the publish: ms from sending it to the first answer showing the article. */
export type Visibility = { page: string; process: number; ms: number };

/**
 * Two processes on one database: two `qalam serve` on PostgreSQL (invalidations through
 * LISTEN/NOTIFY), one `qalam serve --workers 2` on SQLite (through its primary, ADR 0027). The
 * cluster hands new connections to its workers in turn, so on SQLite each check asks over
 * ANSWERS_PER_CHECK fresh connections and needs all of them to show the article (with the checks
 * running at once, all of them reaching one worker is possible, at about 2 × 2⁻⁶).
 */
const ANSWERS_PER_CHECK = 6;
const GIVE_UP_MS = 30_000;
const POLL_MS = 10;

async function shows(url: string, title: string, answers: number): Promise<boolean> {
  for (let i = 0; i < answers; i++) {
    const answer = await capture(url);
    if (answer.status !== 200 || !answer.body.includes(title)) return false;
  }
  return true;
}

/**
 * Publishes a new article through the Admin API (a session of an editor made for the run), after
 * the article's Main Page, section page and feed are cached on every process, then polls the
 * article page and those three on each process until each shows it. Writes to the env's install.
 */
export async function publishToVisible(env: NodeJS.ProcessEnv, bin: string): Promise<Visibility[]> {
  const isPostgres = Boolean(env.DATABASE_URL);
  const editor = { email: `bench-${randomBytes(4).toString('hex')}@example.test`, password: `bench-${randomBytes(8).toString('hex')}` };
  await runQalam(['user', 'create', '--email', editor.email, '--role', 'editor', '--name', 'Bench Editor', '--password', editor.password], env, bin);
  const servers = isPostgres
    ? [await serveQalam({ ...env, WORKERS: '1' }, bin), await serveQalam({ ...env, WORKERS: '1', PORT: String(randomPort()) }, bin)]
    : [await serveQalam({ ...env, WORKERS: '2' }, bin)];
  const answersPerCheck = isPostgres ? 1 : ANSWERS_PER_CHECK;
  try {
    const session = await loginAs(servers[0]!, editor);
    const call = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${servers[0]!.url}${path}`, { method, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { id: number; version: number; path: string };
    };
    const sections = (await (await fetch(`${servers[0]!.url}/api/content/sections`)).json()) as { items: { id: number; slug: string }[] };
    const section = sections.items[0]!;
    const title = `Bench publish ${randomBytes(4).toString('hex')}`;
    const paragraph = { type: 'paragraph', content: [{ type: 'text', text: 'Published by npm run bench to time how soon readers see it.' }] };
    const draft = await call('POST', '/api/admin/articles', { title, sectionId: section.id, body: { type: 'doc', content: [paragraph] } });
    const listings = { 'Main Page': '/', 'section page': `/${section.slug}`, 'RSS feed': '/feed.xml' };
    for (const server of servers) for (const path of Object.values(listings)) await shows(`${server.url}${path}`, title, answersPerCheck);

    const started = performance.now();
    const published = await call('POST', `/api/admin/articles/${draft.id}/publish`, { version: draft.version });
    const checks = servers.flatMap((server, index) =>
      Object.entries({ 'article page': published.path, ...listings }).map(([page, path]) => ({ page, process: index + 1, url: `${server.url}${path}` })),
    );
    // Every page of every process is polled at once, as readers would ask: one slow render must not delay the others' figures.
    const seen = await Promise.all(
      checks.map(async (check): Promise<Visibility> => {
        while (!(await shows(check.url, title, answersPerCheck))) {
          if (performance.now() - started > GIVE_UP_MS) throw new Error(`${check.url} did not show the article within ${GIVE_UP_MS} ms`);
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
        return { page: check.page, process: check.process, ms: performance.now() - started };
      }),
    );
    return seen;
  } finally {
    for (const server of servers) await server.stop();
  }
}
