import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { corpusFile } from '../../../../test/support/corpus.ts';
import { cleanPastedHtml } from './pasted-html.ts';

/** Hostile HTML from PayloadsAllTheThings (see SOURCES.md there). */
const lines = (file: string) => readFileSync(corpusFile(`xss/${file}`), 'utf8').split('\n').filter((line) => line.trim() !== '');

/** What may come out: the elements the body is made from, each with only its own attributes. */
const ALLOWED: Record<string, string[]> = {
  p: [], br: [], h2: [], h3: [], h4: [], ul: [], ol: ['start'], li: [], blockquote: [], hr: [],
  strong: [], b: [], em: [], i: [], u: [], s: [], strike: [], del: [], code: [], a: ['href'],
  figure: ['data-media-id', 'data-caption', 'data-credit', 'data-alt'], div: ['data-embed', 'data-url', 'data-title'],
};
const URL_ATTRIBUTES = new Set(['href', 'data-url']);
const TAG = /^<(\/?)([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*\/?>/;
const ATTRIBUTE = /\s+([a-z-]+)(?:="([^"]*)")?/g;

function decode(value: string): string {
  return value.replace(/&(amp|quot|lt|gt|#\d+|#x[\da-f]+);/gi, (_, name: string) =>
    name.startsWith('#x') || name.startsWith('#X')
      ? String.fromCodePoint(parseInt(name.slice(2), 16))
      : name.startsWith('#')
        ? String.fromCodePoint(Number(name.slice(1)))
        : ({ amp: '&', quot: '"', lt: '<', gt: '>' } as Record<string, string>)[name.toLowerCase()]!,
  );
}

/** Fails unless every tag of the output is an allowed element with allowed attributes and safe addresses. */
function assertHarmless(input: string): void {
  const output = cleanPastedHtml(input);
  let rest = output;
  for (let at = rest.indexOf('<'); at !== -1; at = rest.indexOf('<')) {
    rest = rest.slice(at);
    const tag = TAG.exec(rest);
    assert.ok(tag, `a bare "<" or a malformed tag in ${JSON.stringify(output)} (from ${JSON.stringify(input)})`);
    const [whole, , name, attributes] = tag;
    const allowed = ALLOWED[name!];
    assert.ok(allowed, `<${name}> survives in ${JSON.stringify(output)} (from ${JSON.stringify(input)})`);
    for (const [, attribute, value = ''] of attributes!.matchAll(ATTRIBUTE)) {
      assert.ok(allowed.includes(attribute!) || attribute === 'data-pm-slice', `${attribute}= survives on <${name}> (from ${JSON.stringify(input)})`);
      if (URL_ATTRIBUTES.has(attribute!)) {
        // Browsers ignore whitespace and controls inside a scheme: "jav&#x09;ascript:" is javascript:.
        const address = decode(value).replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
        assert.match(address, /^(https?:|mailto:)/i, `${attribute}="${value}" survives (from ${JSON.stringify(input)})`);
      }
    }
    rest = rest.slice(whole.length);
  }
  // Script addresses may stay as words of text ("javascript:" typed in a sentence), never as markup.
  assert.doesNotMatch(output, /<script/i, `from ${JSON.stringify(input)}`);
}

describe('cleanPastedHtml', () => {
  for (const file of ['RSNAKE_XSS.txt', 'IntrudersXSS.txt', 'JHADDIX_XSS.txt', 'XSS_Polyglots.txt']) {
    it(`leaves no script, event handler or script address of ${file}`, () => {
      const payloads = lines(file);
      assert.ok(payloads.length > 10, `read the corpus at ${corpusFile(`xss/${file}`)}`);
      for (const payload of payloads) {
        assertHarmless(payload);
        // The same payload inside the blocks it would arrive in from a web page.
        assertHarmless(`<p>Before ${payload} after</p><ul><li>${payload}</li></ul>`);
      }
    });
  }

  it('removes every event-handler attribute of the PortSwigger list, on every element it keeps', () => {
    const names = lines('port_swigger_xss_cheatsheet_event_handlers.txt');
    assert.ok(names.length > 100);
    for (const name of names) {
      for (const tag of ['p', 'a href="https://ok.example/"', 'div data-embed data-url="https://ok.example/"', 'figure data-media-id="4"', 'h2', 'img src=x']) {
        assertHarmless(`<${tag} ${name}="alert(1)" ${name.toUpperCase()}=alert(2)>text</${tag.split(' ')[0]}>`);
      }
    }
  });

  it('keeps the text and blocks of what editors paste, without the styles, outside images and code blocks', () => {
    const pasted =
      '<meta charset="utf-8"><h1>Big title</h1><pre><code>x = 1</code></pre><p>See <a href="javascript:alert(1)">this</a> and <a href="https://ok.example/" target="_blank" class="x">that</a>' +
      '<img src="https://evil.example/x.png" onerror="alert(1)"></p><h5>Small</h5><table><tr><td>cell</td></tr></table><p style="color:red">styled</p><p>code style = K&amp;R</p>' +
      '<form><label>Email</label><input name="e"></form><ol start="3"><li><strong>bold</strong> <em>it</em></li></ol>';
    assert.equal(
      cleanPastedHtml(pasted),
      '<div>Big title</div><div><code>x = 1</code></div><p>See <a>this</a> and <a href="https://ok.example/">that</a></p><div>Small</div>' +
        '<div><div><div>cell</div></div></div><p>styled</p><p>code style = K&amp;R</p><ol start="3"><li><strong>bold</strong> <em>it</em></li></ol>',
    );
  });

  it("keeps the editor's own clipboard: figures, embeds and the slice marker", () => {
    const copied =
      '<p data-pm-slice="1 1 []">Lead</p><figure data-media-id="7" data-caption="Mayor" data-credit="Desk" data-alt="The mayor" class="ed-figure"></figure>' +
      '<div data-url="https://video.example.org/watch/42" data-title="Interview" data-embed="" class="ed-embed"></div>' +
      '<div data-url="javascript:alert(1)" data-title="Bad" data-embed=""></div>';
    assert.equal(
      cleanPastedHtml(copied),
      '<p data-pm-slice="1 1 []">Lead</p><figure data-media-id="7" data-caption="Mayor" data-credit="Desk" data-alt="The mayor"></figure>' +
        '<div data-url="https://video.example.org/watch/42" data-title="Interview" data-embed></div><div data-title="Bad" data-embed></div>',
    );
  });
});
