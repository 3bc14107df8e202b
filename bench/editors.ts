import { randomBytes } from 'node:crypto';
import { loadConfig } from '#src/config/config.ts';
import { openDatabase } from '#src/db/database.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { createUserService } from '#src/domain/people/user-service.ts';
import { EventBus } from '#src/lib/events.ts';
import { loginAs, type HttpSession } from '../test/support/auth.ts';
import { percentile } from './latency.ts';

/** A newsroom editor of the bench: signed in through the real form, with a draft of their own. */
export type BenchEditor = { session: HttpSession; articleId: number; version: number; body: ArticleBody };

/** What the editors' saves measured: saves a second over the run, latency of one save, failures. */
export type SavesResult = { savesPerSecond: number; p50Ms: number; p99Ms: number; failures: number; firstFailure?: string };

type ArticleBody = { type: 'doc'; content: unknown[] };
type AdminArticle = { id: number; version: number; title: string; sectionId: number; body: ArticleBody };

/**
 * Creates `count` editor accounts with known passwords on the install (in this process, before the
 * server starts: `qalam user create` would start the whole CLI once per account).
 */
export async function createEditorAccounts(env: NodeJS.ProcessEnv, count: number): Promise<{ email: string; password: string }[]> {
  const database = openDatabase(loadConfig(env));
  const users = createUserService({ database, events: new EventBus() });
  const run = randomBytes(4).toString('hex');
  try {
    const accounts = [];
    for (let i = 1; i <= count; i++) {
      const account = { email: `bench-editor-${run}-${i}@example.test`, password: `bench-${randomBytes(8).toString('hex')}` };
      await users.create(asSystem(), { email: account.email, name: `Bench Editor ${i}`, role: 'editor', password: account.password });
      accounts.push(account);
    }
    return accounts;
  } finally {
    await database.close();
  }
}

async function call<T>(baseUrl: string, session: HttpSession, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as T;
}

/**
 * Signs each account in and gives it a draft of its own: a copy of one of the newest published
 * articles (a real body: paragraphs, headings, images as the archive has them).
 */
export async function signInEditors(baseUrl: string, accounts: { email: string; password: string }[]): Promise<BenchEditor[]> {
  const sessions: HttpSession[] = [];
  for (const account of accounts) sessions.push(await loginAs({ url: baseUrl }, account));
  const sources = await publishedSources(baseUrl, sessions[0]!, accounts.length);
  const editors: BenchEditor[] = [];
  for (const [index, session] of sessions.entries()) {
    const source = sources[index % sources.length]!;
    const draft = await call<AdminArticle>(baseUrl, session, 'POST', '/api/admin/articles', {
      title: `${source.title} (bench draft ${index + 1})`,
      sectionId: source.sectionId,
      body: source.body,
    });
    editors.push({ session, articleId: draft.id, version: draft.version, body: source.body });
  }
  return editors;
}

async function publishedSources(baseUrl: string, session: HttpSession, count: number): Promise<AdminArticle[]> {
  const list = await call<{ items: { id: number }[] }>(baseUrl, session, 'GET', '/api/admin/articles?status=published');
  const ids = list.items.slice(0, count).map((item) => item.id);
  if (ids.length === 0) throw new Error('the install has no published article to copy');
  return Promise.all(ids.map((id) => call<AdminArticle>(baseUrl, session, 'GET', `/api/admin/articles/${id}`)));
}

/**
 * Every editor saves their draft again as soon as the last save answered (the editor's autosave
 * with a paragraph more each time), until `seconds` have passed; a failed save is counted and the
 * editor reloads the article's version to go on.
 */
export async function saveBackToBack(baseUrl: string, editors: BenchEditor[], seconds: number): Promise<SavesResult> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    editors.map(async (editor, index) => {
      for (let edit = 1; performance.now() < until; edit++) {
        const typed = { type: 'paragraph', content: [{ type: 'text', text: `Edit ${edit} by bench editor ${index + 1}: a sentence more, as a writer types it.` }] };
        const body = { ...editor.body, content: [...editor.body.content, typed] };
        const sent = performance.now();
        try {
          const saved = await call<AdminArticle>(baseUrl, editor.session, 'PUT', `/api/admin/articles/${editor.articleId}`, { version: editor.version, body, autosave: true });
          latencies.push(performance.now() - sent);
          editor.version = saved.version;
        } catch (error) {
          failures += 1;
          firstFailure ??= (error as Error).message;
          editor.version = (await call<AdminArticle>(baseUrl, editor.session, 'GET', `/api/admin/articles/${editor.articleId}`)).version;
        }
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { savesPerSecond: latencies.length / elapsedSeconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), failures, firstFailure };
}
