import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { asSystem } from '#src/domain/people/actor.ts';
import { createUserService } from '#src/domain/people/user-service.ts';
import { createPublishedArticle } from '../../support/factories.ts';
import { getAs, signedInAs, type HttpSession } from '../../support/auth.ts';
import { createLicenceFixture, createLicenceRequestFixture, createPartnerFixture } from '../../support/licences.ts';
import { createFindingFixture, createWatchSourceFixture } from '../../support/monitoring.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/** What a reader of the page sees or hears: its text without markup, and its aria-labels and titles. */
function shownText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:aria-label|title)="([^"]*)"/g)].map((match) => match[1]);
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
  return `${text} ${attributes.join(' ')}`.replaceAll('&#x27;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

/** Texts each page wrote in English in its markup before it was translated: none may be left on the Russian pages. */
const FORMER_LITERALS: Record<string, string[]> = {
  checker: ['Reuse checker', 'Address of the page', 'Or paste the page', 'The pasted page is', 'HTML source', 'Others may reuse up to', 'Change the policy'],
  policy: ['Reuse policy', 'Largest share of the reusing text', 'The link to the original', 'Reuse needs a link to us', 'Where the link must be', 'Anywhere on the page', 'Save the policy', 'Site settings'],
  findings: ['Findings', 'First seen', 'Verdict', 'Filter findings', 'Article id', 'over the quota', 'copies “', 'Pages on watched sites', 'Copy monitor', 'Watch list'],
  finding: ['Finding ', 'Their page', 'Our article', 'Share of our article reused', 'Found through', 'Last seen', 'Change the status', 'Note (optional)', 'Save the status', 'Evidence:', 'passages of a page of', 'Reuses more than the policy allows'],
  sources: ['Watch list', 'Feeds, sitemaps and pages', 'Nothing is watched yet', 'Every', 'Last poll', 'paused', 'Watch a source', 'Minutes between polls', 'Poll it (untick to pause)', 'Watch it', 'Feed (RSS, Atom or JSON Feed)'],
  source: ['Watch source:', 'Next poll', 'Change it', 'Stop watching', 'not polled yet', 'One page'],
  requests: ['Licence requests', 'Publishers ask here', 'Requests by status', 'Pending', 'Approved', 'Denied', 'Received', 'Via', 'public form', 'pending'],
  request: ['Licence request', 'All requests', 'Organisation', 'Website', 'writes in', 'via the public form', 'The licence covers', 'This article only', 'Valid until', 'Terms or note for the partner', 'Approve and grant the licence', 'Reason', 'Deny the request', 'No partner holds'],
  licences: ['A licence lets a partner', 'Partner', 'Covers', 'Until', 'in force', 'Revoke', 'Article “', 'Requests'],
  partners: ['Partners', 'Organisation', 'Domains', 'Contact', 'Feed key', 'Add a partner', 'Add partner', 'One per line'],
  partner: ['All partners', 'Syndication feed', 'The full text of every article', 'Details', 'Save changes', 'Contact name', 'Contact email', 'None yet'],
};

describe('the rights desk’s pages in Russian', () => {
  let server: TestServer;
  let admin: HttpSession;
  const pages: Record<string, string> = {};
  before(async () => {
    server = await startTestServer();
    const session = await signedInAs(server, 'admin');
    admin = session;
    await createUserService(server.context).setInterfaceLanguage(asSystem(), session.user.id, 'ru');
    const article = await createPublishedArticle(server.context);
    const source = await createWatchSourceFixture(server.context);
    const finding = await createFindingFixture(server.context, { articleId: article.id, sourceId: source.id });
    const request = await createLicenceRequestFixture(server.context, { articleId: article.id });
    await createLicenceFixture(server.context, { articleId: article.id });
    const partner = await createPartnerFixture(server.context);
    Object.assign(pages, {
      checker: '/newsroom/rights',
      policy: '/newsroom/rights/policy',
      findings: '/newsroom/monitoring/findings',
      finding: `/newsroom/monitoring/findings/${finding.id}`,
      sources: '/newsroom/monitoring/sources',
      source: `/newsroom/monitoring/sources/${source.id}`,
      requests: '/newsroom/licences/requests',
      request: `/newsroom/licences/requests/${request.id}`,
      licences: '/newsroom/licences',
      partners: '/newsroom/partners',
      partner: `/newsroom/partners/${partner.id}`,
    });
  });
  after(() => server.close());

  const open = async (name: string): Promise<string> => {
    const response = await getAs(server, admin, pages[name]!);
    assert.equal(response.status, 200, pages[name]);
    assert.equal(response.headers.get('content-language'), 'ru');
    return shownText(await response.text());
  };

  it('names headings, fields and statuses in Russian, with numbers written the Russian way', async () => {
    const checker = await open('checker');
    assert.match(checker, /Проверка заимствований/);
    assert.match(checker, /Адрес страницы/);
    assert.match(checker, /Другим можно использовать до \d+% статьи/);
    assert.match(await open('policy'), /Правила перепечатки.*Где должна стоять ссылка/);
    const findings = await open('findings');
    assert.match(findings, /Найденные копии/);
    assert.match(findings, /1 копия/);
    assert.match(findings, /сверх допустимой доли/);
    const finding = await open('finding');
    assert.match(finding, /Копия № \d+/);
    assert.match(finding, /64,5%/, 'a decimal comma');
    assert.match(finding, /2 фрагмента на странице объёмом 120 слов\./);
    assert.match(await open('sources'), /Что отслеживаем.*Минут между проверками/);
    assert.match(await open('source'), /Следующая проверка/);
    assert.match(await open('requests'), /Заявки на лицензию.*ждёт решения/);
    assert.match(await open('request'), /Лицензия покрывает.*Одобрить и выдать лицензию/);
    assert.match(await open('licences'), /Лицензии.*действует.*Отозвать/);
    assert.match(await open('partners'), /Партнёры.*Добавить партнёра/);
    assert.match(await open('partner'), /Лента синдикации.*Сведения/);
  });

  it('leaves none of the English the pages used to carry', async () => {
    const left: string[] = [];
    for (const [name, literals] of Object.entries(FORMER_LITERALS)) {
      const text = await open(name);
      for (const literal of literals) if (text.includes(literal)) left.push(`${name}: ${literal}`);
    }
    assert.deepEqual(left, []);
  });
});
