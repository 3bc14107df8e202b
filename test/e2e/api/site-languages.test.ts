import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublishedArticles } from '#src/domain/articles/published-articles.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { createAuthorService } from '#src/domain/people/author-service.ts';
import { createLocationService } from '#src/domain/locations/location-service.ts';
import { findRedirect } from '#src/domain/redirects/redirect-repository.ts';
import { createSectionService } from '#src/domain/sections/section-service.ts';
import { DEFAULT_SETTINGS, settingsIn, type SiteSettings } from '#src/domain/settings/settings-repository.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { createTagService } from '#src/domain/tags/tag-service.ts';
import { Forbidden, Invalid, NotFound } from '#src/lib/errors.ts';
import { createArticleFixture, createAuthorFixture, createLocationFixture, createSectionFixture, createTagFixture } from '../../support/factories.ts';
import { actorFor, fromRole, POLICY_SUBJECTS } from '../../support/policy-table.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const refusedFor = (field: string) => (error: unknown) => error instanceof Invalid && error.field === field;

describe('the site languages and per-language names', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  describe('settings', () => {
    const settings = () => createSettingsService(server.context);
    const save = async (change: Partial<SiteSettings>) => settings().update(asSystem(), { ...(await settings().get(asSystem())), ...change });

    it('start with English, Kazakh and Russian, English the default, Kazakh Latin on', async () => {
      const stored = await settings().get(asSystem());
      assert.deepEqual(
        { languages: stored.languages, defaultLanguage: stored.defaultLanguage, kazakhLatin: stored.kazakhLatin, localized: stored.localized },
        { languages: ['en', 'kk', 'ru'], defaultLanguage: 'en', kazakhLatin: true, localized: {} },
      );
    });

    it('keep a name, tagline and notice per language, which settingsIn reads with the default as fallback', async () => {
      await save({ localized: { ru: { name: 'Калам', tagline: 'Новости' }, kk: { reusePolicyText: 'Қайта жариялау' } } });
      const stored = await settings().get(asSystem());
      assert.deepEqual(stored.localized, { ru: { name: 'Калам', tagline: 'Новости' }, kk: { reusePolicyText: 'Қайта жариялау' } });
      const ru = settingsIn(stored, 'ru');
      assert.deepEqual([ru.name, ru.tagline, ru.reusePolicyText], ['Калам', 'Новости', stored.reusePolicyText]);
      const kk = settingsIn(stored, 'kk');
      assert.deepEqual([kk.name, kk.tagline, kk.reusePolicyText], [stored.name, stored.tagline, 'Қайта жариялау']);
      assert.equal(settingsIn(stored, 'en').name, stored.name);
      const chrome = await createPublishedArticles(server.context).siteChrome('ru');
      assert.equal(chrome.settings.name, 'Калам');
      await save({ kazakhLatin: false });
      assert.equal((await settings().get(asSystem())).kazakhLatin, false);
      await save({ kazakhLatin: true, localized: {} });
    });

    it('refuse no language, a malformed or repeated code, a default outside the list, and texts for a missing language', async () => {
      await assert.rejects(save({ languages: [] }), refusedFor('languages'));
      await assert.rejects(save({ languages: ['en', 'Russian'] }), refusedFor('languages'));
      await assert.rejects(save({ languages: ['en', 'kk', 'kk'] }), refusedFor('languages'));
      await assert.rejects(save({ languages: ['kk', 'ru'], defaultLanguage: 'en' }), refusedFor('defaultLanguage'));
      await assert.rejects(save({ localized: { de: { name: 'Qalam' } } }), refusedFor('localized'));
    });

    it('take only languages with a catalogue (adding one is a catalogue file first), never Kazakh in Latin script (the converted Kazakh edition)', async () => {
      await save({ languages: ['ru', 'en'] });
      assert.deepEqual((await settings().get(asSystem())).languages, ['ru', 'en']);
      await assert.rejects(save({ languages: ['en', 'kk', 'ru', 'uz-Cyrl'] }), (error: unknown) => refusedFor('languages')(error) && /no translation of its pages into "uz-Cyrl"/.test((error as Error).message));
      await assert.rejects(save({ languages: ['en', 'kk', 'ru', 'kk-Latn'] }), (error: unknown) => refusedFor('languages')(error) && /converted/.test((error as Error).message));
      await save({ languages: DEFAULT_SETTINGS.languages });
    });

    it('refuse removing a language articles are written in, naming the field', async () => {
      await createArticleFixture(server.context, { language: 'ru' });
      await assert.rejects(save({ languages: ['en', 'kk'] }), (error: unknown) => refusedFor('languages')(error) && /ru/.test((error as Error).message));
    });

    it("refuse a language whose address a section's slug already takes", async () => {
      await createSectionFixture(server.context, { slug: 'tr' });
      await assert.rejects(save({ languages: ['en', 'kk', 'ru', 'tr'] }), refusedFor('languages'));
    });
  });

  describe('term translations', () => {
    it('are read with each term and by the public read path in their language, falling back to the term itself', async () => {
      const tag = await createTagFixture(server.context, { name: 'Energy' });
      const tags = createTagService(server.context);
      await tags.saveTranslation(asSystem(), tag.id, 'ru', { name: 'Энергетика' });
      const listed = (await tags.list(asSystem())).find((t) => t.id === tag.id)!;
      assert.deepEqual(listed.translations, { ru: { language: 'ru', name: 'Энергетика', slug: 'energetika', description: '' } });
      const published = createPublishedArticles(server.context);
      assert.deepEqual(
        { name: (await published.tagBySlug('ru', 'energetika'))?.name, id: (await published.tagBySlug('ru', 'energetika'))?.id },
        { name: 'Энергетика', id: tag.id },
      );
      assert.equal(await published.tagBySlug('ru', tag.slug), undefined, 'Russian pages answer at the Russian slug only');
      assert.equal((await published.tagBySlug('kk', tag.slug))?.name, 'Energy', 'a language without a translation reads the term');
      assert.equal(await published.tagBySlug('en', 'energetika'), undefined);
    });

    it("give an author's bio and a section's description per language, and a location's city and country", async () => {
      const person = await createAuthorFixture(server.context, { name: 'Dana', bio: 'Writes about energy.' });
      await createAuthorService(server.context).saveTranslation(asSystem(), person.id, 'kk', { name: 'Дана', slug: `dana-kk-${person.id}`, description: 'Энергетика туралы жазады.' });
      const kkAuthor = await createPublishedArticles(server.context).authorBySlug('kk', `dana-kk-${person.id}`);
      assert.deepEqual({ name: kkAuthor?.name, bio: kkAuthor?.bio }, { name: 'Дана', bio: 'Энергетика туралы жазады.' });

      const section = await createSectionFixture(server.context, { name: 'Business', description: 'Money.' });
      await createSectionService(server.context).saveTranslation(asSystem(), section.id, 'ru', { name: 'Бизнес', slug: `biznes-${section.id}`, description: 'Деньги.' });
      const ruSection = await createPublishedArticles(server.context).sectionBySlug('ru', `biznes-${section.id}`);
      assert.deepEqual({ id: ruSection?.id, name: ruSection?.name, description: ruSection?.description }, { id: section.id, name: 'Бизнес', description: 'Деньги.' });

      const place = await createLocationFixture(server.context, { city: 'Astana', country: 'Kazakhstan' });
      const locations = createLocationService(server.context);
      await locations.saveTranslation(asSystem(), place.id, 'ru', { name: 'Астана', description: 'Казахстан' });
      assert.deepEqual((await locations.get(asSystem(), place.id)).translations.ru, { language: 'ru', name: 'Астана', slug: null, description: 'Казахстан' });
      await assert.rejects(locations.saveTranslation(asSystem(), place.id, 'ru', { name: 'Астана', description: ' ' }), refusedFor('description'));
    });

    it('refuse the default language, a language the site lacks, a bad or taken slug, and a missing term', async () => {
      const tags = createTagService(server.context);
      const tag = await createTagFixture(server.context);
      const other = await createTagFixture(server.context);
      await assert.rejects(tags.saveTranslation(asSystem(), tag.id, 'en', { name: 'Same' }), refusedFor('language'));
      await assert.rejects(tags.saveTranslation(asSystem(), tag.id, 'de', { name: 'Thema' }), refusedFor('language'));
      await assert.rejects(tags.saveTranslation(asSystem(), tag.id, 'ru', { name: 'Тема', slug: 'Not A Slug' }), refusedFor('slug'));
      await assert.rejects(tags.saveTranslation(asSystem(), tag.id, 'ru', { name: 'Тема', slug: other.slug }), refusedFor('slug'));
      await tags.saveTranslation(asSystem(), other.id, 'kk', { name: 'Тақырып', slug: `taqyryp-${other.id}` });
      await assert.rejects(tags.saveTranslation(asSystem(), tag.id, 'ru', { name: 'Тема', slug: `taqyryp-${other.id}` }), refusedFor('slug'));
      await assert.rejects(tags.update(asSystem(), tag.id, { slug: `taqyryp-${other.id}` }), refusedFor('slug'), "a term's own slug may not take another's translated one");
      await assert.rejects(tags.saveTranslation(asSystem(), tag.id, 'ru', { name: ' ' }), refusedFor('name'));
      await assert.rejects(tags.saveTranslation(asSystem(), 2_000_000_000, 'ru', { name: 'Нет' }), NotFound);
      const sections = createSectionService(server.context);
      const section = await createSectionFixture(server.context);
      await assert.rejects(sections.saveTranslation(asSystem(), section.id, 'ru', { name: 'Теги', slug: 'tag' }), refusedFor('slug'), 'reserved for the application');
      await assert.rejects(sections.saveTranslation(asSystem(), section.id, 'ru', { name: 'Казахский', slug: 'kk' }), refusedFor('slug'), "a language's address");
    });

    it('are for whoever may edit the term (editors and above), and audited', async () => {
      const tags = createTagService(server.context);
      const tag = await createTagFixture(server.context);
      for (const subject of POLICY_SUBJECTS) {
        const attempt = tags.saveTranslation(actorFor(subject), tag.id, 'kk', { name: `Тег ${subject}`, slug: `teg-${subject}-${tag.id}` });
        if (fromRole('editor').includes(subject)) await attempt;
        else await assert.rejects(attempt, (error: unknown) => error instanceof Forbidden || (error as Error).name === 'Unauthenticated', subject);
      }
      const entry = await server.context.database.db
        .selectFrom('audit_log')
        .select(['action', 'details'])
        .where('subject_type', '=', 'tag')
        .where('subject_id', '=', String(tag.id))
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(entry.action, 'taxonomy.translated');
      assert.deepEqual(JSON.parse(entry.details).language, 'kk');
    });

    it("redirect a language's old pages when its slug is set, changed or removed, and when the term's own slug moves", async () => {
      const db = server.context.database.db;
      const tags = createTagService(server.context);
      const tag = await createTagFixture(server.context, { slug: `water-${Date.now()}` });
      await tags.saveTranslation(asSystem(), tag.id, 'ru', { name: 'Вода', slug: `voda-${tag.id}` });
      assert.equal(await findRedirect(db, `/ru/tag/${tag.slug}`), `/ru/tag/voda-${tag.id}`);
      await tags.saveTranslation(asSystem(), tag.id, 'ru', { name: 'Вода', slug: `voda-new-${tag.id}` });
      assert.equal(await findRedirect(db, `/ru/tag/voda-${tag.id}`), `/ru/tag/voda-new-${tag.id}`);
      await tags.update(asSystem(), tag.id, { slug: `${tag.slug}-moved` });
      assert.equal(await findRedirect(db, `/tag/${tag.slug}`), `/tag/${tag.slug}-moved`, 'the default language');
      assert.equal(await findRedirect(db, `/kk/tag/${tag.slug}`), `/kk/tag/${tag.slug}-moved`, 'a language reading the own slug');
      assert.equal(await findRedirect(db, `/ru/tag/${tag.slug}-moved`), undefined, 'Russian has its own slug');
      await tags.removeTranslation(asSystem(), tag.id, 'ru');
      assert.equal(await findRedirect(db, `/ru/tag/voda-new-${tag.id}`), `/ru/tag/${tag.slug}-moved`);
      assert.deepEqual((await tags.get(asSystem(), tag.id)).translations, {});
      await assert.rejects(tags.removeTranslation(asSystem(), tag.id, 'ru'), NotFound);
    });
  });
});
