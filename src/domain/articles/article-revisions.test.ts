import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleBody } from './article-body.ts';
import { diffSnapshots, type RevisionSnapshot } from './article-revisions.ts';

const body = (...paragraphs: string[]): ArticleBody => ({ type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });

const base: RevisionSnapshot = {
  sectionId: 1,
  slug: 'a',
  title: 'Talks resume in Astana',
  standfirst: '',
  body: body('Delegations met on Monday.'),
  leadMediaId: null,
  leadCaption: '',
  leadCredit: '',
  locationId: null,
  sourceAttribution: '',
  tagIds: [1, 2],
  authorIds: [],
};

describe('diffSnapshots', () => {
  it('lists nothing for identical snapshots', () => {
    assert.deepEqual(diffSnapshots(base, { ...base }), []);
  });

  it('diffs text fields and the body word by word', () => {
    const fields = diffSnapshots(base, { ...base, title: 'Talks stall in Astana', body: body('Delegations met on Tuesday.') });
    const title = fields.find((f) => f.field === 'title')!;
    assert.deepEqual(title.changes, [
      { value: 'Talks ' },
      { value: 'resume', removed: true },
      { value: 'stall', added: true },
      { value: ' in Astana' },
    ]);
    const text = fields.find((f) => f.field === 'body')!;
    assert.deepEqual(text.changes.filter((c) => c.added || c.removed).map((c) => c.value), ['Monday', 'Tuesday']);
  });

  it('says when only formatting changed in the body', () => {
    const bold: ArticleBody = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Delegations met on Monday.', marks: [{ type: 'bold' }] }] }] };
    const [field] = diffSnapshots(base, { ...base, body: bold });
    assert.equal(field?.field, 'body');
    assert.match(field!.changes[0]!.value, /formatting/);
  });

  it('shows reference fields before and after', () => {
    const fields = diffSnapshots(base, { ...base, tagIds: [2], locationId: 5 });
    assert.deepEqual(fields.find((f) => f.field === 'tagIds')?.changes, [{ value: '1, 2', removed: true }, { value: '2', added: true }]);
    assert.deepEqual(fields.find((f) => f.field === 'locationId')?.changes, [{ value: '(none)', removed: true }, { value: '5', added: true }]);
  });

  it('shows a change of language and of translation link, and none against a snapshot from before languages', () => {
    const english = { ...base, language: 'en', translationOfId: null };
    const fields = diffSnapshots(english, { ...english, language: 'ru', translationOfId: 7 });
    assert.deepEqual(fields.find((f) => f.field === 'language')?.changes, [{ value: 'en', removed: true }, { value: 'ru', added: true }]);
    assert.deepEqual(fields.find((f) => f.field === 'translationOfId')?.changes, [{ value: '(none)', removed: true }, { value: '7', added: true }]);
    assert.deepEqual(diffSnapshots(base, english), []);
  });
});
