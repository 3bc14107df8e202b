// Articles created per second through the article service on SQLite, with SQLITE_SYNCHRONOUS as set
// (full by default). Usage: SQLITE_SYNCHRONOUS=normal npx tsx bench/sqlite-write-rate.ts [count]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '#src/config/config.ts';
import { createContext, prepareDatabase } from '#src/cli/bootstrap.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { createSectionFixture, buildArticleFields } from '../test/support/factories.ts';

const count = Number(process.argv[2] ?? 300);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-write-rate-'));
const context = createContext(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS ?? 'full' }));
await prepareDatabase(context);
const section = await createSectionFixture(context);
const service = createArticleService(context);
const started = performance.now();
for (let i = 0; i < count; i++) {
  const fields = buildArticleFields(section.id, { title: `Write rate ${i}`, slug: `write-rate-${i}` });
  await service.create(asSystem(), fields as never);
}
const seconds = (performance.now() - started) / 1000;
console.log(`synchronous=${context.config.sqliteSynchronous}: ${count} articles in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} articles/s`);
await context.database.close();
fs.rmSync(dataDir, { recursive: true, force: true });
