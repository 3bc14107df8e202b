import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { draftAsText, draftToPayload, emptyBody, emptyDraft, sameDraft } from './draft-fields.ts';
import { isSafeHref } from '#src/lib/safe-href.ts';

const draft = {
  ...emptyDraft(3, emptyBody(), 'en'),
  title: 'Wind farm opens',
  slug: 'wind-farm-opens',
  body: { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Forty turbines turn.' }] }] },
};

describe('draftToPayload', () => {
  it('sends the slug only when the editor typed it, so the server keeps deriving it from the title', () => {
    assert.equal('slug' in draftToPayload(draft, false), false);
    assert.equal(draftToPayload(draft, true).slug, 'wind-farm-opens');
  });

  it('leaves out a section not chosen yet (the server then uses the first one)', () => {
    assert.equal('sectionId' in draftToPayload({ ...draft, sectionId: null }), false);
    assert.equal(draftToPayload(draft).sectionId, 3);
  });
});

describe('sameDraft and draftAsText', () => {
  it('tells changed work from unchanged work', () => {
    assert.equal(sameDraft(draft, { ...draft }), true);
    assert.equal(sameDraft(draft, { ...draft, standfirst: 'New line' }), false);
  });

  it('reads a draft as title, standfirst and body text', () => {
    assert.equal(draftAsText({ ...draft, standfirst: 'Near Shokpar.' }), 'Wind farm opens\n\nNear Shokpar.\n\nForty turbines turn.');
  });
});

describe('isSafeHref', () => {
  it('allows http, https and mailto only', () => {
    for (const href of ['https://example.org', 'http://example.org/a', 'mailto:desk@example.org']) assert.equal(isSafeHref(href), true, href);
    for (const href of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'ftp://example.org', ' vbscript:x']) assert.equal(isSafeHref(href), false, href);
  });
});
