import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';
import { createLocation, findLocationById, listLocations, updateLocation } from './location-repository.ts';
import { Invalid } from '#src/lib/errors.ts';

describe('location repository', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('creates, updates and lists locations', async () => {
    const db = server.context.database.db;
    const id = await createLocation(db, { city: 'Astana', country: 'Kazakhstan', timeZone: 'Asia/Almaty' });
    await updateLocation(db, id, { timeZone: 'Asia/Qostanay' });
    assert.deepEqual(await findLocationById(db, id), { id, city: 'Astana', country: 'Kazakhstan', timeZone: 'Asia/Qostanay' });
    assert.ok((await listLocations(db)).some((l) => l.id === id));
  });

  it('refuses a time zone that is not an IANA name, and a duplicate place', async () => {
    const db = server.context.database.db;
    for (const timeZone of ['Mars/Olympus', '+05:00', '']) {
      await assert.rejects(
        createLocation(db, { city: 'Almaty', country: 'Kazakhstan', timeZone }),
        (e: unknown) => e instanceof Invalid && e.field === 'timeZone',
      );
    }
    await createLocation(db, { city: 'Almaty', country: 'Kazakhstan', timeZone: 'Asia/Almaty' });
    await assert.rejects(
      createLocation(db, { city: 'Almaty', country: 'Kazakhstan', timeZone: 'Asia/Almaty' }),
      (e: unknown) => e instanceof Invalid && e.field === 'city',
    );
  });
});
