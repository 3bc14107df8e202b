import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { createCliInstall, startServeProcess, type CliInstall, type ServeProcess } from '../../support/serve-process.ts';

describe('qalam serve on SIGTERM', () => {
  let install: CliInstall | undefined;
  let serve: ServeProcess | undefined;
  afterEach(async () => {
    await serve?.stop();
    await install?.dispose();
  });

  for (const workers of ['1', '2']) {
    it(`keeps serving pages while /healthz says "draining", and resets no request of the grace period (${workers} worker${workers === '1' ? '' : 's'})`, async () => {
      install = await createCliInstall();
      serve = await startServeProcess(install, { env: { DRAIN_SECONDS: '2', SHUTDOWN_TIMEOUT_SECONDS: '8', WORKERS: workers } });
      const { url } = serve;
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      const signalled = Date.now();
      serve.child.kill('SIGTERM');
      const outcomes: Array<number | string> = [];
      let sawDraining = false;
      // Four clients asking for pages and the health check until just before the grace period ends.
      await Promise.all(
        Array.from({ length: 4 }, async (_v, client) => {
          while (Date.now() - signalled < 1700) {
            try {
              const response = await fetch(client === 0 ? `${url}/healthz` : `${url}/`);
              if (client === 0) {
                const body = (await response.json()) as { status: string };
                if (response.status === 503 && body.status === 'draining') sawDraining = true;
                else if (Date.now() - signalled > 300) outcomes.push(`healthz ${response.status} ${body.status}`);
              } else {
                await response.arrayBuffer();
                outcomes.push(response.status);
              }
            } catch (error) {
              outcomes.push(`failed: ${(error as Error).cause ?? error}`);
            }
          }
        }),
      );
      assert.ok(sawDraining, '/healthz answered 503 "draining"');
      // How many fit in the grace period depends on the machine's load; what matters is that some did and all were answered.
      assert.ok(outcomes.length >= 3, `requests were sent during the grace period (${outcomes.length})`);
      assert.deepEqual(outcomes.filter((o) => o !== 200), [], 'every page request of the grace period was answered 200');
      const exit = await serve.exited;
      assert.equal(exit.code, 0, serve.output());
      assert.ok(exit.at - signalled >= 2000, `the listener stayed open for the grace period (exited after ${exit.at - signalled} ms)`);
    });
  }

  it('cuts a request still half-sent at the hard deadline and exits by it', async () => {
    install = await createCliInstall();
    serve = await startServeProcess(install, {
      // Node's own request deadlines are far away: only the shutdown deadline can end this request.
      env: { DRAIN_SECONDS: '1', SHUTDOWN_TIMEOUT_SECONDS: '3', REQUEST_TIMEOUT_SECONDS: '600', IDLE_TIMEOUT_SECONDS: '600' },
    });
    const port = Number(new URL(serve.url).port);
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`POST /newsroom/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=`);
    const socketClosed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalled = Date.now();
    serve.child.kill('SIGTERM');
    const exit = await Promise.race([serve.exited, new Promise<undefined>((resolve) => setTimeout(resolve, 8000))]);
    assert.ok(exit, `the process exited (it was still running 8 s after SIGTERM):\n${serve.output()}`);
    const took = exit.at - signalled;
    assert.ok(took >= 2500 && took < 5000, `exited ${took} ms after SIGTERM (deadline 3 s)`);
    assert.ok((await socketClosed) - signalled < 5000, 'the half-sent request was cut');
    socket.destroy();
  });
});
