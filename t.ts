import { readWxr } from '#src/domain/imports/wxr-reader.ts';
import { wordpressBodyToHtml } from '#src/domain/imports/wordpress-content.ts';
import { htmlToBlocks } from '#src/domain/imports/html-to-blocks.ts';
import { articleBodySchema } from '#src/domain/articles/article-body.ts';
const f = process.argv[2]; const want = process.argv[3];
let n=0; const t0=Date.now();
for await (const r of readWxr(f)) {
  if (r.kind !== 'item' || (r.item.postType !== 'post' && r.item.postType !== 'page')) continue;
  const h = wordpressBodyToHtml(r.item.content, { attachmentsOfPost: () => ['1','2'] });
  const c = htmlToBlocks(h.html, { baseUrl: r.item.link, resolveImage: (i) => ({ mediaId: 1, alt: 'x' }) });
  if (!articleBodySchema.safeParse(c.body).success) console.log('INVALID', r.item.title);
  n++;
  if (want && r.item.title.includes(want)) { console.log(r.item.content.slice(0,1500)); console.log(JSON.stringify(c.body,null,0).slice(0,3000)); console.log([...h.dropped, ...c.dropped]); }
  else if (!want && (h.dropped.length||c.dropped.length)) console.log(r.item.title, [...new Set([...h.dropped, ...c.dropped])].join(', '));
}
console.log(n, Date.now()-t0,'ms');
