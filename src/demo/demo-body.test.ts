import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { articleBodySchema } from '#src/domain/articles/article-body.ts';
import { buildBody, parseInline } from './demo-body.ts';

describe('parseInline', () => {
  it('turns the demo markup into marked text nodes and line breaks', () => {
    assert.deepEqual(parseInline('A **bold** and *italic* [link](https://example.org/a_b) with `code`\nend'), [
      { type: 'text', text: 'A ' },
      { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' and ' },
      { type: 'text', text: 'italic', marks: [{ type: 'italic' }] },
      { type: 'text', text: ' ' },
      { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.org/a_b' } }] },
      { type: 'text', text: ' with ' },
      { type: 'text', text: 'code', marks: [{ type: 'code' }] },
      { type: 'hardBreak' },
      { type: 'text', text: 'end' },
    ]);
  });

  it('leaves a link to a scheme other than http, https or mailto as plain text', () => {
    assert.deepEqual(parseInline('[x](javascript:alert(1))'), [{ type: 'text', text: '[x](javascript:alert(1))' }]);
  });
});

describe('buildBody', () => {
  it('builds a body the article schema accepts, with figures resolved to media ids', () => {
    const body = buildBody(
      [
        'Intro',
        { h2: 'Head' },
        { ol: ['one', { text: 'two', ul: ['two a'] }], start: 3 },
        { quote: ['Said', 'Someone'] },
        { figure: 'pic', caption: 'Cap' },
        { embed: 'https://example.org/v', title: 'Video' },
        { hr: true },
      ],
      (key) => (key === 'pic' ? 7 : 0),
    );
    assert.deepEqual(articleBodySchema.parse(body), body);
    assert.deepEqual(body.content[4], { type: 'figure', attrs: { mediaId: 7, caption: 'Cap', credit: '', alt: '' } });
    assert.deepEqual(body.content[2], {
      type: 'orderedList',
      attrs: { start: 3 },
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] },
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'two' }] },
            { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two a' }] }] }] },
          ],
        },
      ],
    });
  });
});
