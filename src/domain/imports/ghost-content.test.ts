import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ghostBodyToHtml } from './ghost-content.ts';
import { htmlToBlocks } from './html-to-blocks.ts';

describe('Ghost bodies without rendered html', () => {
  it('renders lexical (Ghost 5–6): headings, formatted text, links, lists, quotes; an unknown card is named', () => {
    const lexical = JSON.stringify({
      root: {
        children: [
          { type: 'heading', tag: 'h2', children: [{ type: 'text', text: 'Budget day', format: 0 }] },
          { type: 'paragraph', children: [{ type: 'text', text: 'The ', format: 0 }, { type: 'text', text: 'council', format: 1 }, { type: 'link', url: 'https://example.org/', children: [{ type: 'text', text: ' voted', format: 2 }] }] },
          { type: 'list', listType: 'number', children: [{ type: 'listitem', children: [{ type: 'text', text: 'First' }] }, { type: 'listitem', children: [{ type: 'text', text: 'Second' }] }] },
          { type: 'quote', children: [{ type: 'text', text: 'A quote.' }] },
          { type: 'paywall' },
        ],
      },
    });
    const { html, dropped } = ghostBodyToHtml({ lexical });
    assert.deepEqual(dropped, ['card "paywall"']);
    const body = htmlToBlocks(html, { baseUrl: 'https://ghost.example/' }).body;
    assert.deepEqual(body.content.map((b) => b.type), ['heading', 'paragraph', 'orderedList', 'blockquote']);
    assert.deepEqual(body.content[1], {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'The ' },
        { type: 'text', text: 'council', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' voted', marks: [{ type: 'link', attrs: { href: 'https://example.org/' } }, { type: 'italic' }] },
      ],
    });
  });

  it('renders mobiledoc (Ghost 2–4): markup sections with marks, lists, and an embed card', () => {
    const mobiledoc = JSON.stringify({
      version: '0.3.1',
      markups: [['strong'], ['a', ['href', 'https://example.org/x']]],
      atoms: [],
      cards: [['embed', { url: 'https://video.example/watch?v=1' }]],
      sections: [
        [1, 'h2', [[0, [], 0, 'Results']]],
        [1, 'p', [[0, [0], 1, 'Bold'], [0, [], 0, ' and '], [0, [1], 1, 'a link']]],
        [3, 'ul', [[[0, [], 0, 'One']], [[0, [], 0, 'Two']]]],
        [10, 0],
      ],
    });
    const { body } = htmlToBlocks(ghostBodyToHtml({ mobiledoc }).html, { baseUrl: 'https://ghost.example/post/' });
    assert.deepEqual(body.content.map((b) => b.type), ['heading', 'paragraph', 'bulletList', 'embed']);
    assert.deepEqual(body.content[3], { type: 'embed', attrs: { url: 'https://video.example/watch?v=1', title: '' } });
  });

  it('prefers the rendered html Ghost exported, and names a body whose source is not JSON', () => {
    assert.equal(ghostBodyToHtml({ html: '<p>Rendered</p>', mobiledoc: '{"sections":[]}' }).html, '<p>Rendered</p>');
    assert.deepEqual(ghostBodyToHtml({ lexical: '{not json' }).dropped, ['the body (its source document is not valid JSON)']);
  });
});
