import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '#src/config/config.ts';
import { createContext, prepareDatabase } from '#src/cli/bootstrap.ts';
import { limitHeapGrowthForImport } from '#src/cli/import-heap.ts';
import { runImport } from '#src/domain/imports/run-import.ts';

/**
 * `npm run bench:import`: imports a synthetic WXR of BENCH_POSTS posts (default 100,000) with media
 * fetching off, and prints the time and the process's peak memory (issue 12's goal: under 5
 * minutes at under 300 MB, on either database). DATABASE_URL set: PostgreSQL (a fresh schema),
 * else SQLite in a temporary folder. A benchmark, not a test: it prints figures and fails nothing.
 */

const POSTS = Number(process.env.BENCH_POSTS ?? 100_000);
const CATEGORIES = 40;
const TAGS = 400;

/** Writes the export as a stream: the generator must not hold it in memory either. */
async function writeExport(file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench site</title><link>https://bench.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://bench.example</wp:base_blog_url>
<wp:author><wp:author_login>writer</wp:author_login><wp:author_display_name><![CDATA[Staff Writer]]></wp:author_display_name></wp:author>\n`);
  for (let c = 0; c < CATEGORIES; c++) await write(`<wp:category><wp:term_id>${c + 1}</wp:term_id><wp:category_nicename>topic-${c}</wp:category_nicename><wp:category_parent>${c >= 10 ? `topic-${c % 10}` : ''}</wp:category_parent><wp:cat_name><![CDATA[Topic ${c}]]></wp:cat_name></wp:category>\n`);
  for (let t = 0; t < TAGS; t++) await write(`<wp:tag><wp:term_id>${1000 + t}</wp:term_id><wp:tag_slug>tag-${t}</wp:tag_slug><wp:tag_name><![CDATA[Tag ${t}]]></wp:tag_name></wp:tag>\n`);
  for (let i = 1; i <= POSTS; i++) {
    const day = new Date(Date.UTC(2010, 0, 1) + i * 3_600_000);
    const ymd = day.toISOString().slice(0, 10).replace(/-/g, '/');
    const body = `<!-- wp:paragraph --><p>Report number ${i} opens with a sentence about the <strong>city council</strong> and a <a href="https://example.org/${i}">source</a>.</p><!-- /wp:paragraph -->
<!-- wp:heading --><h2>Background ${i}</h2><!-- /wp:heading --><!-- wp:paragraph --><p>A second paragraph of ordinary length, describing what happened and who said what about it on the day.</p><!-- /wp:paragraph -->
<!-- wp:list --><ul><li>First point</li><li>Second point</li></ul><!-- /wp:list -->`;
    await write(`<item><title>Bench report ${i}</title><link>https://bench.example/${ymd}/bench-report-${i}/</link><guid isPermaLink="false">https://bench.example/?p=${i}</guid><dc:creator>writer</dc:creator>
<content:encoded><![CDATA[${body}]]></content:encoded><excerpt:encoded><![CDATA[Summary ${i}.]]></excerpt:encoded><wp:post_id>${i}</wp:post_id><wp:post_date_gmt>${day.toISOString().slice(0, 19).replace('T', ' ')}</wp:post_date_gmt>
<wp:post_name>bench-report-${i}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="topic-${i % CATEGORIES}"><![CDATA[Topic ${i % CATEGORIES}]]></category><category domain="post_tag" nicename="tag-${i % TAGS}"><![CDATA[Tag ${i % TAGS}]]></category></item>\n`);
  }
  await write('</channel></rss>\n');
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-bench-import-'));
const file = path.join(dataDir, 'bench.xml');
await writeExport(file);
console.log(`Synthetic export: ${POSTS} posts, ${(fs.statSync(file).size / 1024 / 1024).toFixed(0)} MB`);
const env: Record<string, string> = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', JOBS: 'off', BASE_URL: 'https://qalam.example', SQLITE_SYNCHRONOUS: 'normal' };
const context = createContext(loadConfig(process.env.DATABASE_URL ? { ...env, DATABASE_URL: process.env.DATABASE_URL } : env));
await prepareDatabase(context);
// As `qalam import` runs (the figure the goal is about).
limitHeapGrowthForImport();
let peakRss = process.memoryUsage().rss;
console.log(`Memory before the import (modules loaded, export written): ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
const started = performance.now();
const report = await runImport(context, 'wordpress', file, { dryRun: false, media: null, onProgress: (done) => void (done % 10_000 === 0 && console.log(`  ${done} posts, ${((performance.now() - started) / 1000).toFixed(0)} s`)) });
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
console.log(`Imported on ${context.database.kind}: ${report.counts.articles.created} articles in ${seconds.toFixed(1)} s (${(report.counts.articles.created / seconds).toFixed(0)} per second), peak memory ${(peakRss / 1024 / 1024).toFixed(0)} MB (goals: < 300 s, < 300 MB)${report.error ? `; stopped: ${report.error}` : ''}`);
await context.database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
