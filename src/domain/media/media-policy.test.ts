import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '#src/db/schema.ts';
import { ANONYMOUS, asSystem, type Actor } from '#src/domain/people/actor.ts';
import { can, type MediaAction } from './media-policy.ts';

const user = (role: Role, id = 1): Actor => ({ kind: 'user', id, role, name: role, email: `${role}@x.test`, authorId: null });
const image = (createdBy: number | null = 1, isInOthersPublishedArticle = false) => ({ createdBy, isInOthersPublishedArticle });

const ALL_ACTIONS: MediaAction[] = ['upload', 'list', 'read', 'edit-text'];

describe('media policy', () => {
  it('denies the anonymous everything', () => {
    for (const action of ALL_ACTIONS) assert.equal(can(ANONYMOUS, action, image()), false, action);
  });

  it('allows editors, admins and the system everything on any image, even one on a live article', () => {
    for (const actor of [user('editor', 9), user('admin', 9), asSystem()]) {
      for (const action of ALL_ACTIONS) assert.equal(can(actor, action, image(1, true)), true, action);
    }
  });

  for (const role of ['contributor', 'author'] as const) {
    it(`lets a ${role} upload, list and read, and edit the text of own images only`, () => {
      const writer = user(role, 1);
      for (const action of ['upload', 'list', 'read'] as const) assert.equal(can(writer, action), true, action);
      assert.equal(can(writer, 'edit-text', image(1)), true, 'own image');
      assert.equal(can(writer, 'edit-text', image(2)), false, "another's image");
      assert.equal(can(writer, 'edit-text', image(null)), false, 'an image the system added');
      assert.equal(can(writer, 'edit-text', image(1, true)), false, "own image on another person's live article");
      assert.equal(can(writer, 'edit-text'), false, 'no image named');
    });
  }
});
