import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { EventBus, type DomainEvent } from '#src/lib/events.ts';
import { openDatabase, type DatabaseHandle } from './database.ts';
import { EVENTS_CHANNEL, startPostgresEventRelay, type EventRelay } from './postgres-event-relay.ts';
import { runAdminQuery, withPostgresLock } from '../../test/support/test-server.ts';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.ts';

/** Polls `check` until it holds or `timeoutMs` passes; answers whether it held. */
async function eventually(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** One "process": a bus that records what its listeners hear, its pool, its relay and its log lines. */
type Process = { events: EventBus; heard: DomainEvent[]; logs: Array<{ level: number; msg: string }>; database: DatabaseHandle; relay: EventRelay };

const LISTENED = ['article.published', 'article.updated', 'settings.updated', 'media.updated', 'events.missed'] as const;

// On SQLite an install runs one process (ADR 0014); there is no relay to test.
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl?.startsWith('postgres')) {
  describe('the PostgreSQL event relay', () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const started: Process[] = [];
    let proxy: TcpProxy;

    /** The URL of the test schema, through the proxy when asked. */
    function schemaUrl(throughProxy = false): string {
      const url = new URL(databaseUrl!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      if (throughProxy) url.port = String(proxy.port);
      return url.toString();
    }

    async function startProcess(throughProxy = false): Promise<Process> {
      const url = schemaUrl(throughProxy);
      const logs: Process['logs'] = [];
      const sink = new Writable({
        write(chunk, _encoding, done) {
          logs.push(JSON.parse(String(chunk)));
          done();
        },
      });
      const events = new EventBus();
      const heard: DomainEvent[] = [];
      for (const name of LISTENED) events.on(name, (...args: unknown[]) => heard.push({ name, args } as DomainEvent));
      const database = openDatabase({ database: { kind: 'postgres', url } });
      const relay = await startPostgresEventRelay({ url, db: database.db, events, logger: pino({ level: 'info' }, sink), retryDelay: () => 50 });
      const running = { events, heard, logs, database, relay };
      started.push(running);
      return running;
    }

    /** Sends payloads in order from one session: a listener receives them in that order. */
    async function notify(...payloads: string[]): Promise<void> {
      const statements = payloads.map((p) => `select pg_notify('${EVENTS_CHANNEL}', '${p.replaceAll("'", "''")}');`);
      await runAdminQuery(databaseUrl!, statements.join('\n'));
    }

    const envelope = (fields: { schema?: string | null; origin?: string; name: string; args: unknown }) =>
      JSON.stringify({ schema, origin: 'a-test', ...fields });

    before(async () => {
      await withPostgresLock(databaseUrl, () => runAdminQuery(databaseUrl, `create schema ${schema}`));
      const target = new URL(databaseUrl);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    });
    after(async () => {
      await proxy.restore().catch(() => {});
      for (const { relay, database } of started) {
        await relay.stop();
        await database.close();
      }
      await proxy.close();
      await withPostgresLock(databaseUrl, () => runAdminQuery(databaseUrl, `drop schema ${schema} cascade`));
    });

    it('delivers an event emitted in one process to the other once, and never back', async () => {
      const a = await startProcess();
      const b = await startProcess();
      a.events.emit('article.updated', { articleId: 1 });
      assert.ok(await eventually(() => b.heard.length > 0));
      // b answers with an event of its own; once a hears it, a relayed copy of the first would have come back before it.
      b.events.emit('media.updated', { mediaId: 2 });
      assert.ok(await eventually(() => a.heard.length > 1));
      assert.deepEqual(a.heard, [
        { name: 'article.updated', args: [{ articleId: 1 }] },
        { name: 'media.updated', args: [{ mediaId: 2 }] },
      ]);
      assert.deepEqual(b.heard, a.heard);
    });

    it('ignores, and logs, payloads that are not a known event, and those of other schemas', async () => {
      const b = await startProcess();
      await notify(
        'garbage',
        '',
        envelope({ name: 'article.updated', args: [{ articleId: -1 }] }),
        envelope({ name: 'article.updated', args: [{ articleId: 1, extra: true }] }),
        envelope({ name: 'settings.updated', args: [1] }),
        envelope({ name: 'toString', args: [] }),
        envelope({ schema: 'another_install', name: 'settings.updated', args: [] }),
        envelope({ name: 'article.published', args: [{ articleId: 7 }] }),
      );
      assert.ok(await eventually(() => b.heard.length > 0));
      assert.deepEqual(b.heard, [{ name: 'article.published', args: [{ articleId: 7 }] }], 'only the well-formed event of this schema');
      assert.equal(b.logs.filter((line) => line.level === 40 && line.msg.startsWith('Ignored')).length, 6, 'each bad payload is logged');
    });

    it('logs a NOTIFY that fails, reconnects after losing PostgreSQL, and then clears what may be stale', async () => {
      const direct = await startProcess();
      const proxied = await startProcess(true);
      await proxy.cut();
      assert.doesNotThrow(() => proxied.events.emit('article.updated', { articleId: 3 }), 'the emitter never sees a failed NOTIFY');
      assert.ok(await eventually(() => proxied.logs.some((line) => line.level === 40 && /Could not NOTIFY/.test(line.msg))));
      // Meanwhile an event it cannot hear (sent and done before the proxy is back):
      await notify(envelope({ name: 'article.updated', args: [{ articleId: 4 }] }));

      await proxy.restore();
      assert.ok(await eventually(() => proxied.heard.some((event) => event.name === 'events.missed')), 'the local cache is cleared once listening again');
      direct.events.emit('article.published', { articleId: 5 });
      assert.ok(await eventually(() => proxied.heard.some((event) => event.name === 'article.published')), 'and events flow again');
      assert.ok(!proxied.heard.some((event) => event.name === 'article.updated' && event.args[0].articleId === 4));
    });
  });
}
