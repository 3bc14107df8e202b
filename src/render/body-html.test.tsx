import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import type { ArticleBody } from '#src/domain/articles/article-body.ts';
import type { MediaView } from '#src/domain/media/media-repository.ts';
import { translatorFor } from '#src/i18n/translator.ts';
import { ArticleBodyContent } from './body-html.tsx';

const ORIGIN = 'https://news.example.kz';

function render(body: ArticleBody, media = new Map<number, MediaView>()): string {
  return renderToString(<ArticleBodyContent body={body} media={media} siteOrigin={ORIGIN} translator={translatorFor('en')} />);
}

const text = (t: string, marks?: any[]) => ({ type: 'text' as const, text: t, ...(marks ? { marks } : {}) });
const link = (href: string) => ({ type: 'link', attrs: { href } });

describe('ArticleBodyContent', () => {
  it('renders paragraphs with nested marks, the link outermost', () => {
    const html = render({ type: 'doc', content: [{ type: 'paragraph', content: [text('bold link', [{ type: 'bold' }, link('https://other.example/a'), { type: 'italic' }]), { type: 'hardBreak' }, text('x')] }] });
    assert.equal(html, '<p><a href="https://other.example/a" rel="noopener"><em><strong>bold link</strong></em></a><br/>x</p>');
  });

  it('gives rel="noopener" to other sites only, and drops links with unsafe schemes', () => {
    const html = render({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [text('own', [link(`${ORIGIN}/news/x`)]), text('mail', [link('mailto:desk@example.kz')]), text('bad', [link('javascript:alert(1)')])] },
      ],
    });
    assert.equal(html, `<p><a href="${ORIGIN}/news/x">own</a><a href="mailto:desk@example.kz">mail</a>bad</p>`);
  });

  it('renders headings, lists, quotes, rules and embeds as link cards', () => {
    const html = render({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [text('Sub')] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('three')] }] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('dot')] }] }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [text('said')] }] },
        { type: 'horizontalRule' },
        { type: 'embed', attrs: { url: 'https://video.example/v/1', title: '<b>Clip</b>' } },
        { type: 'paragraph' },
      ],
    });
    assert.equal(
      html,
      '<h3>Sub</h3><ol start="3"><li><p>three</p></li></ol><ul><li><p>dot</p></li></ul><blockquote><p>said</p></blockquote><hr/>' +
        '<p class="embed-card"><a href="https://video.example/v/1" rel="noopener"><span class="embed-title">&lt;b>Clip&lt;/b></span><span class="embed-host">video.example</span></a></p>',
    );
  });

  it('renders a figure from the library with this use\'s caption, and nothing for a missing image', () => {
    const media = new Map<number, MediaView>([
      [
        5,
        {
          id: 5,
          width: 1000,
          height: 500,
          mimeType: 'image/jpeg',
          url: '/media/o.jpg',
          caption: 'Library caption',
          credit: 'Library credit',
          altText: 'Library alt',
          originalName: 'o.jpg',
          createdAt: '2026-11-01T09:00:00.000Z',
          variants: [
            { width: 480, height: 240, format: 'webp', url: '/media/480.webp' },
            { width: 480, height: 240, format: 'jpeg', url: '/media/480.jpg' },
          ],
        },
      ],
    ]);
    const html = render(
      {
        type: 'doc',
        content: [
          { type: 'figure', attrs: { mediaId: 5, caption: 'Here', credit: '', alt: '' } },
          { type: 'figure', attrs: { mediaId: 6, caption: 'Gone', credit: '', alt: '' } },
        ],
      },
      media,
    );
    assert.match(html, /^<figure class="article-figure"><picture><source type="image\/webp" srcset="\/media\/480.webp 480w" sizes="[^"]+"\/>/);
    assert.match(html, /<img src="\/media\/480.jpg" srcset="\/media\/480.jpg 480w" sizes="[^"]+" width="1000" height="500" alt="Library alt" loading="lazy" decoding="async"\/>/);
    assert.match(html, /<figcaption><span class="figure-caption">Here<\/span> <span class="figure-credit">Photo: Library credit<\/span><\/figcaption><\/figure>$/);
    assert.doesNotMatch(html, /Gone/);
  });
});
