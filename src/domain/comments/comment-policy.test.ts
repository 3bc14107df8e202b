import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { POLICY_SUBJECTS, actorFor, type PolicySubject } from '../../../test/support/policy-table.ts';
import type { ArticleOwnership } from '#src/domain/articles/article-policy.ts';
import { can, type CommentAction } from './comment-policy.ts';

/** A draft someone else wrote (only editors may read it), and one the actor (id 1) wrote. */
const othersDraft: ArticleOwnership = { status: 'draft', createdBy: 99, authorIds: [] };
const ownDraft: ArticleOwnership = { status: 'review', createdBy: 1, authorIds: [] };
const mine = { authorId: 1 };
const theirs = { authorId: 99 };

/** Who may do each action, by article and comment (the actor is always user 1). */
const TABLE: Array<[CommentAction, ArticleOwnership, { authorId: number } | undefined, PolicySubject[]]> = [
  ['read', othersDraft, undefined, ['editor', 'admin', 'system']],
  ['read', ownDraft, undefined, ['contributor', 'author', 'editor', 'admin', 'system']],
  ['write', othersDraft, undefined, ['editor', 'admin']],
  ['write', ownDraft, undefined, ['contributor', 'author', 'editor', 'admin']],
  ['edit', ownDraft, mine, ['contributor', 'author', 'editor', 'admin']],
  ['edit', othersDraft, theirs, []],
  ['edit', ownDraft, theirs, []],
  ['delete', ownDraft, mine, ['contributor', 'author', 'editor', 'admin']],
  ['delete', ownDraft, theirs, ['editor', 'admin']],
  ['delete', othersDraft, mine, ['editor', 'admin']],
];

describe('comment policy', () => {
  for (const [action, article, comment, allowed] of TABLE) {
    const what = `${action} on ${article === ownDraft ? 'their own' : 'another’s'} draft${comment ? ` (${comment === mine ? 'own' : 'another’s'} comment)` : ''}`;
    it(`lets exactly ${allowed.join(', ') || 'nobody'} ${what}`, () => {
      for (const subject of POLICY_SUBJECTS) assert.equal(can(actorFor(subject), action, article, comment), allowed.includes(subject), subject);
    });
  }
});
