import { it, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { handleOf } from '#src/domain/comments/comment-mentions.ts';
import { getAs, loginAs, loginInBrowser } from '../../support/auth.ts';
import { ProblemLog } from '../../support/browser.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { accessibilityProblems, htmlErrorsOf } from '../../support/page-checks.ts';
import type { TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle } from '../api/articles-client.ts';
import { useTestbed } from './editor-support.ts';

describe('review comments beside the article editor', () => {
  let server: TestServer;
  let browser: Browser;
  useTestbed((testbed) => ({ server, browser } = testbed));

  /** A page of its own (its own cookies), signed in as `user`; `javaScript: false` proves the forms need no script. */
  async function pageFor(user: { email: string; password: string }, log: ProblemLog, javaScript = true): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = log.watch(await context.newPage());
    await loginInBrowser(page, server, user);
    return page;
  }

  it('lets an editor and a writer talk about a story in review, with a mention, and keeps the return note in view', async () => {
    const sectionId = (await createSectionFixture(server.context)).id;
    const writer = await apiUser(server, 'contributor');
    const editor = await apiUser(server, 'editor');
    const draft = await createArticle(writer, { title: 'Water prices rise in the capital', sectionId });
    const inReview = (await writer.call<ArticleJson>('POST', `/api/admin/articles/${draft.id}/submit`, { version: draft.version })).body;
    const editorUrl = `${server.url}/newsroom/articles/${draft.id}`;
    const log = new ProblemLog();
    log.allow(/status of 422/);

    // The editor mentions someone who does not exist: refused, the reason named, the text kept.
    const editorPage = await pageFor(editor.user, log);
    await editorPage.goto(editorUrl);
    const box = editorPage.getByLabel('New comment');
    await box.fill('Ask @Nobody Here about the tariff table.');
    await editorPage.getByRole('button', { name: 'Comment', exact: true }).click();
    await editorPage.getByText('No colleague is called @Nobody').waitFor();
    assert.equal(await editorPage.getByLabel('New comment').inputValue(), 'Ask @Nobody Here about the tariff table.');
    const refusedProblems = await accessibilityProblems(editorPage);

    // Then mentions the writer by handle; the text is shown escaped, the mention marked.
    const writerHandle = handleOf(writer.user.email);
    await editorPage.getByLabel('New comment').fill(`@${writerHandle} where does the 12% come from? <b>not bold</b>`);
    await editorPage.getByRole('button', { name: 'Comment', exact: true }).click();
    await editorPage.waitForURL(/#comment-\d+$/);
    const opening = editorPage.locator('.cm-thread').first();
    await opening.locator('.cm-text').getByText('where does the 12% come from? <b>not bold</b>').waitFor();
    assert.equal(await opening.locator('mark.cm-mention').innerText(), `@${writerHandle}`);
    assert.equal(await opening.locator('b').count(), 0);

    // The writer, without JavaScript, sees it and replies, mentioning the editor by name.
    const writerPage = await pageFor(writer.user, log, false);
    await writerPage.goto(editorUrl);
    const thread = writerPage.locator('.cm-thread').first();
    assert.equal(await thread.locator('mark.cm-mention').innerText(), `@${writerHandle}`);
    await thread.getByText('Reply', { exact: true }).click();
    await thread.getByLabel(`Reply to ${editor.user.name}`).fill(`From the city tariff decree, @${editor.user.name}.`);
    await thread.getByRole('button', { name: 'Send reply' }).click();
    await writerPage.waitForURL(/#comment-\d+$/);
    const reply = writerPage.locator('.cm-replies .cm-comment');
    await reply.locator('.cm-text').getByText('From the city tariff decree').waitFor();
    assert.equal(await reply.locator('mark.cm-mention').innerText(), `@${editor.user.name}`);
    // A writer may withdraw their own reply, not the editor's comment.
    assert.equal(await reply.getByRole('button', { name: `Withdraw this comment by ${writer.user.name}` }).count(), 1);
    assert.equal(await thread.locator('> .cm-comment').getByRole('button', { name: /^Withdraw/ }).count(), 0);
    // And edit it: the change is marked.
    await reply.getByText('Edit', { exact: true }).click();
    await reply.getByLabel('Your comment').fill(`From the city tariff decree of March, @${editor.user.name}.`);
    await reply.getByRole('button', { name: 'Save comment' }).click();
    await writerPage.waitForURL(/#comment-\d+$/);
    await reply.locator('.cm-text').getByText('From the city tariff decree of March').waitFor();
    await reply.getByText('(edited)').waitFor();
    assert.equal(await thread.locator('> .cm-comment').getByText('Edit', { exact: true }).count(), 0);

    // The point settled, the writer resolves the thread: it folds, saying who settled it; it can be opened again.
    await thread.getByRole('button', { name: `Resolve the thread started by ${editor.user.name}` }).click();
    await writerPage.waitForURL(/#comment-\d+$/);
    const settled = writerPage.locator('.cm-thread--resolved').first();
    assert.equal((await settled.locator('summary').first().innerText()).replace(/\s+/g, ' ').startsWith(`Resolved thread by ${editor.user.name}: 2 comments Resolved by ${writer.user.name}`), true);
    // Checked as the editor sees it (axe needs the page's script, which the writer's page runs without).
    await editorPage.goto(editorUrl);
    await editorPage.locator('.cm-thread--resolved').waitFor();
    const resolvedProblems = await accessibilityProblems(editorPage);
    const resolvedHtml = await (await getAs(server, await loginAs(server, editor.user), `/newsroom/articles/${draft.id}`)).text();
    const reopen = settled.getByRole('button', { name: `Reopen the thread started by ${editor.user.name}` });
    // Folded, unless the link to the comment unfolded it.
    if (!(await reopen.isVisible())) await settled.locator('summary').first().click();
    await reopen.click();
    await writerPage.waitForURL(/#comment-\d+$/);
    assert.equal(await writerPage.locator('.cm-thread--resolved').count(), 0);

    // The editor returns it with a note; the writer sees the note in the discussion, and still after resubmitting.
    const returned = await editor.call<ArticleJson>('POST', `/api/admin/articles/${draft.id}/return`, { version: inReview.version, note: 'Cite the decree by number.' });
    assert.equal(returned.status, 200);
    await writer.call('POST', `/api/admin/articles/${draft.id}/submit`, { version: returned.body.version });
    await writerPage.goto(editorUrl);
    assert.deepEqual(await writerPage.locator('.cm-step .cm-step-text').allInnerTexts(), [
      `${writer.user.name} submitted it for review`,
      `${editor.user.name} returned it to the writer with a note:`,
      `${writer.user.name} submitted it for review`,
    ]);
    await writerPage.locator('.cm-note').getByText('Cite the decree by number.').waitFor();

    // The same discussion is kept with the article's history.
    await editorPage.goto(`${editorUrl}/revisions`);
    await editorPage.locator('.cm-panel .cm-replies .cm-text').getByText('From the city tariff decree').waitFor();
    assert.equal(await editorPage.getByLabel('New comment').count(), 0);

    // Nu HTML checker and axe on the editor page with the discussion and on the history page.
    const session = await loginAs(server, editor.user);
    const texts: string[] = [resolvedHtml];
    for (const [name, url] of Object.entries({ editor: `/newsroom/articles/${draft.id}`, history: `/newsroom/articles/${draft.id}/revisions` })) {
      texts.push(await (await getAs(server, session, url)).text());
    }
    assert.deepEqual(htmlErrorsOf(texts), []);
    const problems = [...refusedProblems, ...resolvedProblems];
    for (const url of [editorUrl, `${editorUrl}/revisions`]) {
      await editorPage.goto(url);
      problems.push(...(await accessibilityProblems(editorPage)));
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(log.problems, []);
  });
});
