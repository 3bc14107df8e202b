import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jsonForScript } from './script-json.ts';

describe('jsonForScript', () => {
  it('escapes what could end the script element or a string literal, and nothing else', () => {
    const value = { text: '</script><!-- a & b > c \u2028\u2029', plain: 'Қазақша "quoted"' };
    const json = jsonForScript(value);
    assert.equal(json, '{"text":"\\u003c/script\\u003e\\u003c!-- a \\u0026 b \\u003e c \\u2028\\u2029","plain":"Қазақша \\"quoted\\""}');
    assert.deepEqual(JSON.parse(json), value);
    assert.equal(jsonForScript({ url: 'https://news.example/a' }), '{"url":"https://news.example/a"}');
  });
});
