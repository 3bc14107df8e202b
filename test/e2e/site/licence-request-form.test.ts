import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LICENCE_REQUESTS_PER_HOUR } from '#src/web/site/routes/licence-request-page.tsx';
import { cookiesOf, csrfFieldOf } from '../../support/auth.ts';
import { createArticleFixture, createPublishedArticle } from '../../support/factories.ts';
import { uniqueDomain } from '../../support/licences.ts';
import { htmlErrors } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/** Opens the form at `formPath`; answers its cookie header and CSRF field. */
async function openForm(server: TestServer, formPath: string): Promise<{ cookie: string; csrfToken: string; html: string; response: Response }> {
  const response = await fetch(`${server.url}${formPath}`);
  const html = await response.text();
  const token = cookiesOf(response).qalam_form_csrf ?? '';
  return { cookie: `qalam_form_csrf=${token}`, csrfToken: csrfFieldOf(html), html, response };
}

/** Posts the form as a browser would (the page's cookie and token unless overridden). */
async function postForm(server: TestServer, formPath: string, fields: Record<string, string>, options: { cookie?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${server.url}${formPath}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(options.cookie !== undefined ? { cookie: options.cookie } : {}), ...options.headers },
    body: new URLSearchParams(fields),
  });
}

function validFields(domain = uniqueDomain()) {
  return { organisation: 'Steppe Daily', contactName: 'Aliya Nurova', contactEmail: `aliya@${domain}`, domain: `https://www.${domain}/`, message: 'For our Sunday edition.' };
}

const requestsOf = (server: TestServer, articleId: number) =>
  server.context.database.db.selectFrom('licence_requests').selectAll().where('article_id', '=', articleId).orderBy('id').execute();

describe('the public licence request form', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server?.close());

  it('is linked from the republication notice of every article, in the article page’s language', async () => {
    const english = await createPublishedArticle(server.context);
    const russian = await createPublishedArticle(server.context, { language: 'ru' });
    const en = await (await fetch(`${server.url}${english.path}`)).text();
    assert.match(en, new RegExp(`<p class="reuse-notice">[^<]*<a href="/licence/${english.id}">Ask for a licence to republish this article</a>`));
    const ru = await (await fetch(`${server.url}/ru${russian.path}`)).text();
    assert.match(ru, new RegExp(`<a href="/ru/licence/${russian.id}">Запросить лицензию на перепечатку этой статьи</a>`));
    // Search engines learn where to ask, too (schema.org acquireLicensePage).
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(ru)![1]!) as { acquireLicensePage: string };
    assert.equal(ld.acquireLicensePage, `${server.url}/ru/licence/${russian.id}`);
  });

  it('shows the form in the page’s language, never cached, with a CSRF cookie of its own', async () => {
    const article = await createPublishedArticle(server.context, { title: 'Water for the south', language: 'kk' });
    const { html, response } = await openForm(server, `/kk/licence/${article.id}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'private, no-store');
    assert.match(response.headers.get('set-cookie') ?? '', /qalam_form_csrf=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    assert.match(html, /<html lang="kk">/);
    assert.match(html, /Мақаланы толық қайта жариялауға сұрау/);
    assert.match(html, new RegExp(`<a href="/kk${article.path}">Water for the south</a>`));
    assert.match(html, /<meta name="robots" content="noindex"/);

    const latin = await (await fetch(`${server.url}/kk-latn/licence/${article.id}`)).text();
    assert.match(latin, /<html lang="kk-Latn">/);
    assert.match(latin, /Maqalany tolyq qaita jariialauğa sūrau/);
  });

  it('moves the default language’s own prefix to the root, and answers 404 for no such article', async () => {
    const article = await createPublishedArticle(server.context);
    const moved = await fetch(`${server.url}/en/licence/${article.id}`, { redirect: 'manual' });
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get('location'), `/licence/${article.id}`);
    const draft = await createArticleFixture(server.context, { status: 'draft' });
    assert.equal((await fetch(`${server.url}/licence/${draft.id}`)).status, 404);
    assert.equal((await fetch(`${server.url}/licence/abc`)).status, 404);
    assert.equal((await fetch(`${server.url}/licence/99999999999`)).status, 404);
  });

  it('files the request and answers with thanks after a redirect, so a reload sends nothing twice', async () => {
    const article = await createPublishedArticle(server.context, { language: 'ru' });
    const formPath = `/ru/licence/${article.id}`;
    const form = await openForm(server, formPath);
    const domain = uniqueDomain();
    const response = await postForm(server, formPath, { _csrf: form.csrfToken, ...validFields(domain) }, { cookie: form.cookie });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), `${formPath}?sent=1`);
    const [stored] = await requestsOf(server, article.id);
    assert.equal(stored!.status, 'pending');
    assert.equal(stored!.source, 'form');
    assert.equal(stored!.language, 'ru');
    assert.equal(stored!.domain, domain);
    assert.equal(stored!.organisation, 'Steppe Daily');
    const audit = await server.context.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'licence.requested').where('subject_id', '=', String(stored!.id)).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.user_id, null);
    const thanks = await (await fetch(`${server.url}${formPath}?sent=1`)).text();
    assert.match(thanks, /Спасибо: ваш запрос отправлен/);
  });

  it('refuses wrong fields with a clear message beside each, in the page’s language, keeping what was typed', async () => {
    const article = await createPublishedArticle(server.context, { language: 'ru' });
    const formPath = `/ru/licence/${article.id}`;
    const form = await openForm(server, formPath);
    const response = await postForm(
      server,
      formPath,
      { _csrf: form.csrfToken, organisation: '', contactName: 'Айгерим', contactEmail: 'not-an-address', domain: '192.168.1.10', message: 'x'.repeat(2001) },
      { cookie: form.cookie },
    );
    assert.equal(response.status, 422);
    const html = await response.text();
    for (const field of ['organisation', 'contactEmail', 'domain', 'message']) {
      assert.match(html, new RegExp(`id="licence-${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="licence-${field}"`), field);
      assert.match(html, new RegExp(`id="licence-${field}-error"`), field);
    }
    assert.doesNotMatch(html, /id="licence-contactName-error"/);
    assert.match(html, /Запрос не отправлен: исправьте отмеченные ниже поля\./);
    assert.match(html, /Укажите адрес электронной почты, например name@example\.kz\./);
    assert.match(html, /Укажите сайт, где появится статья/);
    assert.match(html, /value="Айгерим"/);
    assert.deepEqual(await requestsOf(server, article.id), []);
  });

  it('refuses a post without the page’s token, with another token, or from another site, and files nothing', async () => {
    const article = await createPublishedArticle(server.context);
    const formPath = `/licence/${article.id}`;
    const form = await openForm(server, formPath);
    const other = await openForm(server, formPath);
    const attempts = [
      postForm(server, formPath, validFields()),
      postForm(server, formPath, { _csrf: form.csrfToken, ...validFields() }),
      postForm(server, formPath, { _csrf: other.csrfToken, ...validFields() }, { cookie: form.cookie }),
      postForm(server, formPath, { _csrf: form.csrfToken, ...validFields() }, { cookie: form.cookie, headers: { origin: 'https://attacker.example' } }),
    ];
    for (const response of await Promise.all(attempts)) {
      assert.equal(response.status, 403);
      assert.match(await response.text(), /This form had expired, so the request was not sent/);
    }
    assert.deepEqual(await requestsOf(server, article.id), []);
  });

  it(`takes at most ${LICENCE_REQUESTS_PER_HOUR} posts an hour from one address, then answers 429 with when to come back`, async () => {
    const limited = await startTestServer();
    try {
      const article = await createPublishedArticle(limited.context);
      const formPath = `/licence/${article.id}`;
      const form = await openForm(limited, formPath);
      for (let i = 0; i < LICENCE_REQUESTS_PER_HOUR; i += 1) {
        const response = await postForm(limited, formPath, { _csrf: form.csrfToken, ...validFields() }, { cookie: form.cookie });
        assert.equal(response.status, 303, `post ${i + 1}`);
      }
      const refused = await postForm(limited, formPath, { _csrf: form.csrfToken, ...validFields() }, { cookie: form.cookie });
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.match(await refused.text(), /Too many requests have been sent from your address\. Please try again in \d+ minutes?\./);
      assert.equal((await requestsOf(limited, article.id)).length, LICENCE_REQUESTS_PER_HOUR);
      // Reading the form is not limited.
      assert.equal((await fetch(`${limited.url}${formPath}`)).status, 200);
    } finally {
      await limited.close();
    }
  });

  it('is valid HTML in every language, empty, refused and thanked', async () => {
    const article = await createPublishedArticle(server.context, { language: 'kk', title: 'Дала желі' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-nu-licence-'));
    const files: string[] = [];
    const save = (name: string, html: string) => {
      const file = path.join(dir, `${name}.html`);
      fs.writeFileSync(file, html);
      files.push(file);
    };
    for (const prefix of ['', '/ru', '/kk', '/kk-latn']) {
      const formPath = `${prefix}/licence/${article.id}`;
      const form = await openForm(server, formPath);
      save(`form${prefix.replace('/', '-')}`, form.html);
      const refused = await postForm(server, formPath, { _csrf: form.csrfToken, organisation: '', contactName: '', contactEmail: '', domain: '' }, { cookie: form.cookie });
      save(`refused${prefix.replace('/', '-')}`, await refused.text());
    }
    save('thanks', await (await fetch(`${server.url}/kk/licence/${article.id}?sent=1`)).text());
    assert.deepEqual(htmlErrors(files), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
