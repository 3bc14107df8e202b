import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { loginAs, postLogin } from '../../support/auth.ts';

const BIN = path.resolve('bin/qalam.js');

/** Runs the real CLI against the test server's own database (its DATA_DIR, or its PostgreSQL schema). */
function cliEnv(server: TestServer): Record<string, string> {
  const { PATH, HOME } = process.env;
  const database = server.context.config.database;
  const env: Record<string, string> = { PATH: PATH ?? '', HOME: HOME ?? '', LOG_LEVEL: 'silent', DATA_DIR: server.context.config.dataDir };
  if (database.kind === 'postgres') env.DATABASE_URL = database.url;
  return env;
}

function qalam(server: TestServer, args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { env: cliEnv(server), encoding: 'utf8' });
}

describe('qalam user', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('creates an account with a given password that signs in at once', async () => {
    const result = qalam(server, ['user', 'create', '--email', 'Desk@Example.kz', '--role', 'editor', '--name', 'News Desk', '--password', 'cli-chosen-password']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Created editor desk@example\.kz/);
    const session = await loginAs(server, { email: 'desk@example.kz', password: 'cli-chosen-password' });
    const me = (await (await fetch(`${server.url}/api/admin/session`, { headers: { cookie: session.cookie } })).json()) as {
      user: { name: string; role: string };
      mustChangePassword: boolean;
    };
    assert.deepEqual(me.user.name, 'News Desk');
    assert.equal(me.user.role, 'editor');
    assert.equal(me.mustChangePassword, false);
  });

  it('prints a generated one-time password when none is given, which must be changed at first sign-in', async () => {
    const result = qalam(server, ['user', 'create', '--email', 'intern@example.kz', '--role', 'contributor']);
    assert.equal(result.status, 0, result.stderr);
    const password = /One-time password: (\S+)/.exec(result.stdout)?.[1];
    assert.ok(password, result.stdout);
    const login = await postLogin(server, { email: 'intern@example.kz', password });
    assert.equal(login.status, 303);
    assert.equal(login.headers.get('location'), '/newsroom/password');
  });

  it('refuses a duplicate email, an unknown role and a missing email with a clear message and a failure status', () => {
    const duplicate = qalam(server, ['user', 'create', '--email', 'desk@example.kz', '--role', 'author']);
    assert.notEqual(duplicate.status, 0);
    assert.match(duplicate.stderr, /already exists/);
    const badRole = qalam(server, ['user', 'create', '--email', 'x@example.kz', '--role', 'boss']);
    assert.notEqual(badRole.status, 0);
    assert.match(badRole.stderr, /--role must be one of: contributor, author, editor, admin/);
    const noEmail = qalam(server, ['user', 'create', '--role', 'author']);
    assert.notEqual(noEmail.status, 0);
    assert.match(noEmail.stderr, /--email is required/);
  });

  it('lists accounts and changes a role', () => {
    const role = qalam(server, ['user', 'role', '--email', 'intern@example.kz', '--role', 'author']);
    assert.equal(role.status, 0, role.stderr);
    const list = qalam(server, ['user', 'list']);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /author\s+intern@example\.kz/);
    assert.match(list.stdout, /editor\s+desk@example\.kz/);
  });
});

describe('qalam serve on an install without users', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('creates the first admin once and prints its one-time password, which must be replaced at first sign-in', async () => {
    // Wait for the line rather than for a time: the process prints it before it listens.
    const runServe = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...cliEnv(server), PORT: '0', JOBS: 'off', LOG_LEVEL: 'info' } });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += String(chunk);
          if (output.includes('Qalam is serving')) child.kill('SIGTERM');
        });
        child.stderr.on('data', (chunk: Buffer) => {
          output += String(chunk);
        });
        child.on('error', reject);
        child.on('exit', () => resolve(output));
      });
    const first = await runServe();
    const match = /the admin account (\S+) with the one-time password (\S+)/.exec(first);
    assert.ok(match, first);
    const [, email, password] = match;
    const users = await server.context.database.db.selectFrom('users').select(['email', 'role', 'must_change_password']).execute();
    assert.deepEqual(users, [{ email, role: 'admin', must_change_password: 1 }]);
    const second = await runServe();
    assert.match(second, /Qalam is serving/);
    assert.doesNotMatch(second, /one-time password/, 'printed only on the first start');
    const login = await postLogin(server, { email: email!, password: password! });
    assert.equal(login.status, 303);
    assert.equal(login.headers.get('location'), '/newsroom/password');
  });
});
