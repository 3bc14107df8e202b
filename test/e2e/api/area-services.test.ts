import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ANONYMOUS, asSystem } from '#src/domain/people/actor.ts';
import { createSectionService } from '#src/domain/sections/section-service.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { createTagService } from '#src/domain/tags/tag-service.ts';
import { Forbidden, Invalid, Unauthenticated } from '#src/lib/errors.ts';
import { createTagFixture } from '../../support/factories.ts';
import { actorFor } from '../../support/policy-table.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';


describe('area services (actor first, policy, one transaction with the audit entry, event after commit)', () => {
  let server: TestServer;
  let events: string[];
  before(async () => {
    server = await startTestServer();
    server.context.events.on('taxonomy.updated', () => events.push('taxonomy.updated'));
    server.context.events.on('settings.updated', () => events.push('settings.updated'));
  });
  after(() => server.close());

  const auditCount = async () =>
    Number((await server.context.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses the anonymous (401) and a role too low (403), writing nothing', async () => {
    events = [];
    const sections = createSectionService(server.context);
    const before = await auditCount();
    await assert.rejects(sections.create(ANONYMOUS, { name: 'Sport', slug: 'sport-anon' }), Unauthenticated);
    await assert.rejects(sections.create(actorFor('author', 1), { name: 'Sport', slug: 'sport-author' }), Forbidden);
    await assert.rejects(createSettingsService(server.context).get(actorFor('editor', 1)), Forbidden);
    await assert.rejects(createTagService(server.context).findOrCreateByName(actorFor('contributor', 1), 'Wheat'), Forbidden);
    assert.equal(await auditCount(), before);
    assert.deepEqual(events, []);
  });

  it('writes the change and its audit entry together, and announces it after commit', async () => {
    events = [];
    const id = await createSectionService(server.context).create(asSystem(), { name: 'Agriculture', slug: 'agriculture' });
    const entry = await server.context.database.db
      .selectFrom('audit_log')
      .select(['action', 'subject_type', 'subject_id', 'details'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...entry, details: JSON.parse(entry.details).by }, { action: 'taxonomy.created', subject_type: 'section', subject_id: String(id), details: 'system' });
    assert.deepEqual(events, ['taxonomy.updated']);
  });

  it('leaves no audit entry and announces nothing when the write is refused', async () => {
    const taken = await createTagFixture(server.context);
    const other = await createTagFixture(server.context);
    events = [];
    const before = await auditCount();
    await assert.rejects(createTagService(server.context).update(actorFor('editor', 1), other.id, { slug: taken.slug }), Invalid);
    assert.equal(await auditCount(), before);
    assert.deepEqual(events, []);
  });
});
