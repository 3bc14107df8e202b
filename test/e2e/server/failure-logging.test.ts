import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
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
