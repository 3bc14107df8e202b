import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashToken } from '#src/domain/people/secret-tokens.ts';
import { createSession } from '#src/domain/people/session-store.ts';
import { runSchedulerTick } from '#src/jobs/background.ts';
import { createHousekeeping } from '#src/jobs/housekeeping.ts';
import { createUserFixture } from '../../support/auth.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const client = { ip: '127.0.0.1', userAgent: 'session-cleanup test' };

describe('housekeeping: expired sessions', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });

  /** A new user with two sessions, the first made to have expired a minute ago; answers the user id. */
  async function expiredAndLiveSessions(): Promise<number> {
    const db = server.context.database.db;
    const user = await createUserFixture(server.context, { role: 'author' });
    const { token } = await createSession(db, user.id, client);
    await createSession(db, user.id, client);
    // Expired after both exist: signing in sweeps the user's own dead sessions, the job everyone's.
    await db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', hashToken(token)).execute();
    return user.id;
  }

  async function expiriesOf(userId: number): Promise<string[]> {
    const rows = await server.context.database.db.selectFrom('sessions').select('expires_at').where('user_id', '=', userId).execute();
    return rows.map((row) => row.expires_at);
  }

  it('deletes an expired session row on a scheduler pass and keeps a live one', async () => {
    const userId = await expiredAndLiveSessions();
    assert.equal((await expiriesOf(userId)).length, 2);
    await runSchedulerTick(server.context);
    const left = await expiriesOf(userId);
    assert.equal(left.length, 1);
    assert.ok(left[0]! > new Date().toISOString(), 'the live session stays');
  });

  it('sweeps at most once per interval however often it is called', async () => {
    const keepHouse = createHousekeeping(60 * 60 * 1000);
    await keepHouse(server.context);
    const userId = await expiredAndLiveSessions();
    await keepHouse(server.context);
    assert.equal((await expiriesOf(userId)).length, 2, 'a second call within the hour does nothing');
    await createHousekeeping(0)(server.context);
    assert.equal((await expiriesOf(userId)).length, 1);
  });
});
