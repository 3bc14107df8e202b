import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { guardedPath, isApiPath, isProtectedPath, safeNextPath } from './protected-paths.ts';

describe('safeNextPath', () => {
  it('keeps a same-site path with its query', () => {
    assert.equal(safeNextPath('/newsroom/articles/12?tab=seo'), '/newsroom/articles/12?tab=seo');
  });

  it('sends anything that could leave the site to the newsroom home', () => {
    for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', 'newsroom', '/news\r\nSet-Cookie: x=1', '/a\\b', '/ş', '/a b', '', undefined, 42]) {
      assert.equal(safeNextPath(next), '/newsroom', String(next));
    }
  });
});

describe('isProtectedPath', () => {
  it('covers the newsroom and the admin API, not look-alike public paths', () => {
    assert.ok(isProtectedPath('/newsroom'));
    assert.ok(isProtectedPath('/newsroom?x=1'));
    assert.ok(isProtectedPath('/newsroom/tags'));
    assert.ok(isProtectedPath('/api/admin/articles'));
    assert.ok(!isProtectedPath('/newsroomy-section/story'));
    assert.ok(!isProtectedPath('/api/content/articles'));
    assert.ok(!isProtectedPath('/api/administrivia'));
    assert.ok(isApiPath('/api/admin/x') && !isApiPath('/newsroom/x'));
  });
});

describe('guardedPath', () => {
  it('prefers the matched route, else decodes the request path', () => {
    assert.equal(guardedPath('/newsroom/tags', '/newsroo%6D/tags'), '/newsroom/tags');
    assert.equal(guardedPath(undefined, '/newsroo%6D/x'), '/newsroom/x');
    assert.equal(guardedPath(undefined, '/bad%E0%A4%A'), '/bad%E0%A4%A');
  });
});
