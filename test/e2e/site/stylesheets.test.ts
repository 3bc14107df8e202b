import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import postcss, { type Rule } from 'postcss';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

// Our stylesheets are written flat. A closing brace lost in a merge does not break CSS loudly: the
// rules after it become nested ones (valid CSS nesting), match nothing, and the page silently loses
// its styles. Twice a merge did exactly that to site.css, which hid the quote tool's placement.
const STYLESHEETS = fs.readdirSync(path.resolve('public')).filter((name) => name.endsWith('.css'));

describe('the served stylesheets', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('are found in public/', () => {
    assert.ok(STYLESHEETS.includes('site.css') && STYLESHEETS.includes('newsroom.css'), STYLESHEETS.join(', '));
  });

  for (const name of STYLESHEETS) {
    it(`${name} parses with every block closed and no rule nested in another`, async () => {
      const response = await fetch(`${server.url}/assets/${name}`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/css/);
      const root = postcss.parse(await response.text(), { from: name });
      const nested: string[] = [];
      root.walkRules((rule: Rule) => {
        if (rule.parent?.type === 'rule') nested.push(`line ${rule.source?.start?.line}: ${rule.selector}`);
      });
      assert.deepEqual(nested, []);
    });
  }
});
