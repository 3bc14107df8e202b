import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.ts';
import { createCliInstall, startServeProcess, type CliInstall, type ServeProcess } from '../../support/serve-process.ts';

/** The JSON log lines a process wrote. */
function logLines(output: string): Array<{ level: number; msg: string; err?: { stack?: string } }> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

describe('logging of expected failures', () => {
  let install: CliInstall;
  let serve: ServeProcess;
  before(async () => {
    install = await createCliInstall();
    serve = await startServeProcess(install);
  });
  after(async () => {
    await serve.stop();
    await install.dispose();
  });

  it('logs clients that leave mid-request once at info, with no error and no stack', async () => {
    const port = Number(new URL(serve.url).port);
    const before = logLines(serve.output()).length;
    await Promise.all(
      Array.from({ length: 30 }, async () => {
        const socket = net.connect(port, '127.0.0.1');
        socket.on('error', () => {});
        await new Promise((resolve) => socket.once('connect', resolve));
        socket.write(`POST /newsroom/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=a`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        socket.destroy();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const lines = logLines(serve.output()).slice(before);
    assert.deepEqual(lines.filter((l) => l.level >= 40), [], 'no warning or error for a client going away');
    const gone = lines.filter((l) => /client closed its connection/i.test(l.msg));
    assert.equal(gone.length, 1, 'one info line for 30 clients gone within the interval');
    assert.equal(gone[0]!.level, 30);
    assert.ok(lines.every((l) => !l.err?.stack));
  });
});

// Only PostgreSQL can go away under a running process.
if (process.env.DATABASE_URL?.startsWith('postgres')) {
  describe('logging while PostgreSQL is away', () => {
    let install: CliInstall;
    let serve: ServeProcess;
    let proxy: TcpProxy;
    before(async () => {
      const target = new URL(process.env.DATABASE_URL!);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      install = await createCliInstall();
      assert.equal(install.run(['migrate']).status, 0);
      const url = new URL(install.env.DATABASE_URL!);
      url.port = String(proxy.port);
      install.env.DATABASE_URL = url.toString();
      serve = await startServeProcess(install, { migrate: false });
    });
    after(async () => {
      await serve.stop();
      await proxy.restore().catch(() => {});
      await proxy.close();
      await install.dispose();
    });

    it('logs the 503s of an outage at warn, without a stack, once per cause in the interval', async () => {
      const before = logLines(serve.output()).length;
      await proxy.cut();
      const statuses = [];
      for (let i = 0; i < 20; i++) statuses.push((await fetch(`${serve.url}/news/some-story-${i}`)).status);
      assert.ok(statuses.every((s) => s === 503), statuses.join());
      // The lines about requests (the event relay's own reconnect warnings are its business).
      const lines = logLines(serve.output()).slice(before).filter((l) => 'reqId' in l);
      assert.deepEqual(lines.filter((l) => l.level >= 50).map((l) => l.msg), [], 'no error-level line for an expected outage');
      const warnings = lines.filter((l) => l.level === 40);
      assert.ok(warnings.length >= 1 && warnings.length <= 3, `${warnings.length} warnings for 20 failed requests`);
      assert.deepEqual(lines.filter((l) => l.err?.stack).map((l) => `${l.level} ${l.msg}`), [], 'no stack traces');
    });
  });
}
