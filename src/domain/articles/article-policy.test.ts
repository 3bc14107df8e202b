import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleStatus, Role } from '#src/db/schema.ts';
import { ANONYMOUS, asSystem, type Actor } from '#src/domain/people/actor.ts';
import { can, readScope, type ArticleAction } from './article-policy.ts';

const user = (role: Role, id = 1, authorId: number | null = null): Actor => ({ kind: 'user', id, role, name: role, email: `${role}@x.test`, authorId });
const article = (status: ArticleStatus, createdBy: number | null = 1, authorIds: number[] = []) => ({ status, createdBy, authorIds });

const ALL_ACTIONS: ArticleAction[] = ['create', 'read', 'edit', 'history', 'submit', 'publish', 'schedule', 'unpublish', 'trash', 'restore', 'approve', 'return', 'correct'];

describe('article policy', () => {
  it('denies the anonymous everything', () => {
    for (const action of ALL_ACTIONS) assert.equal(can(ANONYMOUS, action, article('published')), false, action);
  });

  it('allows editors, admins and the system everything on any article', () => {
    for (const actor of [user('editor', 9), user('admin', 9), asSystem()]) {
      for (const action of ALL_ACTIONS) assert.equal(can(actor, action, article('review', 1)), true, action);
    }
  });

  it('lets a contributor create, edit and submit own drafts, but not publish or touch others', () => {
    const contributor = user('contributor', 1);
    assert.equal(can(contributor, 'create'), true);
    assert.equal(can(contributor, 'edit', article('draft')), true);
    assert.equal(can(contributor, 'submit', article('draft')), true);
    assert.equal(can(contributor, 'submit', article('review')), false);
    for (const action of ['publish', 'schedule', 'unpublish', 'trash', 'approve', 'correct'] as const) {
      assert.equal(can(contributor, action, article('draft')), false, action);
    }
    assert.equal(can(contributor, 'edit', article('published')), false);
    assert.equal(can(contributor, 'edit', article('draft', 2)), false);
    assert.equal(can(contributor, 'read', article('draft', 2)), false);
    assert.equal(can(contributor, 'read', article('published', 2)), true);
  });

  it('treats a bylined article as the author’s own', () => {
    const author = user('author', 5, 77);
    assert.equal(can(author, 'publish', article('draft', 2, [77])), true);
    assert.equal(can(author, 'publish', article('draft', 2, [78])), false);
  });

  it('lets an author publish, schedule, unpublish, trash and correct own articles, never approve', () => {
    const author = user('author', 1);
    for (const action of ['publish', 'schedule', 'unpublish', 'trash', 'restore', 'correct', 'edit'] as const) {
      assert.equal(can(author, action, article('draft')), true, action);
      assert.equal(can(author, action, article('draft', 2)), false, `${action} on another's`);
    }
    assert.equal(can(author, 'approve', article('review')), false);
    assert.equal(can(author, 'edit', article('trashed')), false);
  });

  it('scopes lists: editors all, writers own or published, anonymous none', () => {
    assert.deepEqual(readScope(user('editor')), { kind: 'all' });
    assert.deepEqual(readScope(user('author', 3, 4)), { kind: 'own-or-published', userId: 3, authorId: 4 });
    assert.deepEqual(readScope(ANONYMOUS), { kind: 'none' });
  });
});
