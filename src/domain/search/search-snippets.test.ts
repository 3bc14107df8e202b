import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSearchQuery } from './search-query.ts';
import { highlightText, snippetOf } from './search-snippets.ts';

const marked = (parts: Array<{ text: string; isMatch: boolean }>) => parts.map((p) => (p.isMatch ? `[${p.text}]` : p.text)).join('');

describe('highlightText', () => {
  it('marks whole words that start with a query word, as written', () => {
    assert.equal(marked(highlightText('Railways and the railway', parseSearchQuery('RAIL').terms, 'en')), '[Railways] and the [railway]');
  });

  it('marks inflected Russian forms by their stem-like prefix', () => {
    assert.equal(marked(highlightText('Выборы прошли, на выборах тихо', parseSearchQuery('выборах').terms, 'ru')), '[Выборы] прошли, на [выборах] тихо');
  });

  it('marks Kazakh words found by a Latin or plain-letter query', () => {
    assert.equal(marked(highlightText('Қазақстан үкіметі', parseSearchQuery('qazaqstan ukimet').terms, 'kk')), '[Қазақстан] [үкіметі]');
  });

  it('marks Kazakh words for a query mixing both alphabets, and Latin words in a Kazakh text', () => {
    const terms = parseSearchQuery('astana қала').terms;
    assert.equal(marked(highlightText('Астанада қалалық Astana Opera', terms, 'kk')), '[Астанада] [қалалық] [Astana] Opera');
    assert.equal(marked(highlightText('Astana Opera Астанада', parseSearchQuery('astana').terms, 'kk')), '[Astana] Opera [Астанада]');
    assert.equal(marked(highlightText('Astana Opera Астанада', parseSearchQuery('астана').terms, 'kk')), 'Astana Opera [Астанада]');
  });

  it('marks a two-letter word only whole', () => {
    assert.equal(marked(highlightText('ЕС и есть', parseSearchQuery('ес').terms, 'ru')), '[ЕС] и есть');
  });
});

describe('snippetOf', () => {
  const long = `${'Lorem ipsum dolor sit amet. '.repeat(30)}The railway opened today to passengers. ${'Consectetur adipiscing elit. '.repeat(30)}`;

  it('shows the passage around the words, cut at word boundaries with an ellipsis', () => {
    const snippet = marked(snippetOf(long, parseSearchQuery('railway passengers').terms, 'en'));
    assert.match(snippet, /^… .*The \[railway\] opened today to \[passengers\]\. .* …$/);
    assert.ok(snippet.length < 300);
  });

  it('starts at the beginning when the words are not in the text', () => {
    assert.match(marked(snippetOf(long, parseSearchQuery('zebra').terms, 'en')), /^Lorem ipsum/);
  });

  it('in a long read, shows the first passage that holds every word, reading on while none does', () => {
    const filler = 'Lorem ipsum dolor sit amet. '.repeat(200);
    const text = `${filler}The railway opened. ${filler}Passengers came early. ${filler}Railway passengers came to see the railway. ${filler}Railway passengers, railway passengers, railway passengers.`;
    assert.match(marked(snippetOf(text, parseSearchQuery('railway').terms, 'en')), /^… .*The \[railway\] opened\. .* …$/);
    assert.match(marked(snippetOf(text, parseSearchQuery('railway passengers').terms, 'en')), /^… .*\[Railway\] \[passengers\] came to see the \[railway\]\. .* …$/);
  });

  it('is empty for an empty text', () => {
    assert.deepEqual(snippetOf('  ', parseSearchQuery('x y').terms, 'en'), []);
  });
});
