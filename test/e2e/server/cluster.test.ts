import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AppContext } from '#src/app-context.ts';
import { createContext } from '#src/cli/bootstrap.ts';
import { loadConfig } from '#src/config/config.ts';
import { createArticleFixture, createSectionFixture } from '../../support/factories.ts';
import { createUserFixture, loginAs } from '../../support/auth.ts';
import { createCliInstall, startServeProcess, type CliInstall, type ServeProcess } from '../../support/serve-process.ts';

type LogLine = { msg: string; pid: number; workerPid?: number; jobs?: boolean };

/** The JSON log lines the cluster wrote so far. */
function logLines(serve: ServeProcess): LogLine[] {
  return serve
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** Pids of the workers that have started listening and not died or been replaced since, as the log tells. */
function servingPids(serve: ServeProcess): Set<number> {
  const serving = new Set<number>();
  for (const line of logLines(serve)) {
    if (line.msg.startsWith('Server listening at')) serving.add(line.pid);
    if (/^Worker \d+ died/.test(line.msg) && line.workerPid) serving.delete(line.workerPid);
    if (/stopping as the primary asked/.test(line.msg)) serving.delete(line.pid);
  }
  return serving;
}

/** Waits until the log satisfies `done` (the cluster's own pace; the test's timeout bounds it). */
async function until(serve: ServeProcess, done: () => boolean): Promise<void> {
  while (!done()) {
    if (serve.child.exitCode !== null) throw new Error(`the cluster exited:\n${serve.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A GET on a connection of its own: the primary hands each new connection to the next worker in turn. */
function freshGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('qalam serve --workers 2', () => {
  let install: CliInstall;
  let serve: ServeProcess;
  let context: AppContext;

  before(async () => {
    install = await createCliInstall();
    serve = await startServeProcess(install, { env: { JOBS: 'on' }, args: ['--workers', '2'] });
    await until(serve, () => logLines(serve).some((l) => /^Qalam is serving .* with 2 workers$/.test(l.msg)));
    context = createContext(loadConfig({ ...install.env, LOG_LEVEL: 'silent' }));
  });
  after(async () => {
    await context?.database.close();
    await serve?.stop();
    await install?.dispose();
  });

  it('runs two workers that share the port, one of them running the job runner', () => {
    const started = logLines(serve).filter((l) => /^Worker \d+ started$/.test(l.msg));
    assert.equal(started.length, 2);
    assert.deepEqual(started.map((l) => l.jobs).sort(), [false, true]);
    assert.equal(servingPids(serve).size, 2);
  });

  it('shows a publish made through one worker on the pages of every worker at once', async () => {
    const section = await createSectionFixture(context);
    const draft = await createArticleFixture(context, { sectionId: section.id, title: 'Published through one worker' });
    const editor = await createUserFixture(context, { role: 'editor' });
    // Both workers cache the Main Page and the section page (each new connection goes to the next worker).
    for (let i = 0; i < 4; i++) {
      for (const path of ['/', `/${section.slug}`]) {
        const page = await freshGet(`${serve.url}${path}`);
        assert.equal(page.status, 200);
        assert.doesNotMatch(page.body, /Published through one worker/);
      }
    }
    const session = await loginAs(serve, editor);
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
    const article = (await (await fetch(`${serve.url}/api/admin/articles/${draft.id}`, { headers })).json()) as { version: number };
    const published = await fetch(`${serve.url}/api/admin/articles/${draft.id}/publish`, { method: 'POST', headers, body: JSON.stringify({ version: article.version }) });
    assert.equal(published.status, 200, await published.text());
    for (let i = 0; i < 4; i++) {
      for (const path of ['/', `/${section.slug}`, draft.path]) {
        const page = await freshGet(`${serve.url}${path}`);
        assert.equal(page.status, 200, path);
        assert.match(page.body, /Published through one worker/, `${path}, request ${i}`);
      }
    }
  });

  it('replaces a worker killed with SIGKILL', async () => {
    const before = servingPids(serve);
    const [victim] = before;
    process.kill(victim!, 'SIGKILL');
    await until(serve, () => {
      const now = servingPids(serve);
      return now.size === 2 && !now.has(victim!);
    });
    for (let i = 0; i < 6; i++) assert.equal((await freshGet(`${serve.url}/`)).status, 200);
    const runsJobs = new Map(logLines(serve).filter((l) => /^Worker \d+ started$/.test(l.msg)).map((l) => [l.workerPid, l.jobs]));
    assert.equal([...servingPids(serve)].filter((pid) => runsJobs.get(pid)).length, 1, 'one worker runs the job runner still');
  });

  it('replaces every worker on SIGHUP, one at a time, refusing no request of a steady load', async () => {
    const old = servingPids(serve);
    const outcomes: Array<number | string> = [];
    let isLoading = true;
    const restarted = () => logLines(serve).some((l) => /^Rolling restart finished: 2 of 2/.test(l.msg));
    // Six clients on kept-alive connections and two opening a connection per request, as browsers and bots do.
    const clients = Array.from({ length: 8 }, async (_v, client) => {
      while (isLoading) {
        try {
          if (client < 6) {
            const response = await fetch(`${serve.url}/`);
            await response.arrayBuffer();
            outcomes.push(response.status);
          } else {
            outcomes.push((await freshGet(`${serve.url}/`)).status);
          }
        } catch (error) {
          outcomes.push(`failed: ${(error as Error).cause ?? error}`);
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    serve.child.kill('SIGHUP');
    try {
      await until(serve, restarted);
    } finally {
      isLoading = false;
      await Promise.all(clients);
    }
    assert.deepEqual(outcomes.filter((o) => o !== 200), [], 'every request was answered 200');
    assert.ok(outcomes.length > 50, `requests were sent throughout (${outcomes.length})`);
    const now = servingPids(serve);
    assert.equal(now.size, 2);
    assert.deepEqual([...now].filter((pid) => old.has(pid)), [], 'no old worker is left');
  });
});
