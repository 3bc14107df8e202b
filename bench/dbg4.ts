import { CORPUS_ORIGINALS } from '../test/rights-corpus/originals.ts';
import { unrelatedPages } from '../test/rights-corpus/corpus-pages.ts';
import { pageFromHtml } from '#src/domain/rights/rights-service.ts';
import { originalText } from '#src/domain/rights/reuse-index.ts';
import { splitWords, sentenceStarts } from '#src/domain/rights/reuse-words.ts';
import { alignWords } from '#src/domain/rights/reuse-alignment.ts';
for (const page of unrelatedPages(CORPUS_ORIGINALS, 'https://q.example/', 7)) {
  const checked = pageFromHtml(page.html, 'https://c.example/');
  for (const o of CORPUS_ORIGINALS) {
    const ot = originalText({ title: o.title, standfirst: o.standfirst, plainText: o.paragraphs.join('\n\n') });
    const ow = splitWords(ot), pw = splitWords(checked.text);
    const a = alignWords(ow.map((w) => w.hash), pw.map((w) => w.hash), { original: sentenceStarts(ot, ow), page: sentenceStarts(checked.text, pw) });
    if (a.passages.length) { console.log(page.name, 'vs', o.key); for (const p of a.passages) console.log('  ', p, ot.slice(ow[p.original[0]]!.start, ow[p.original[1] - 1]!.end), '||', checked.text.slice(pw[p.page[0]]!.start, pw[p.page[1]-1]!.end)); }
  }
}
