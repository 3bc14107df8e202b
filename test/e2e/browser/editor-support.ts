import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loginInBrowser } from '../../support/auth.ts';
import { launchBrowser, type ProblemLog } from '../../support/browser.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BUNDLE = path.join(ROOT, 'dist/client/newsroom-editor.js');
const CLIENT_SOURCES = [path.join(ROOT, 'src/web/newsroom/client'), path.join(ROOT, 'src/render'), path.join(ROOT, 'src/lib')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the newsroom bundle when it is missing or older than its sources, so a browser test run on
 * its own (`node --test test/e2e/browser/x.test.ts`, without `npm test`'s pretest) tests current code.
 */
export function ensureClientBuilt(): void {
  const built = fs.existsSync(BUNDLE) ? fs.statSync(BUNDLE).mtimeMs : 0;
  if (built > Math.max(...CLIENT_SOURCES.map(newestMtime))) return;
  execFileSync('npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

/** A small real PNG photo-like image written to a temp file, for upload fields. */
export async function writeTestImage(dir: string, name = 'photo.png'): Promise<string> {
  const width = 640;
  const height = 400;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = ((x + y) * 97) % 255;
    }
  }
  const file = path.join(dir, name);
  await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toFile(file);
  return file;
}



/** What a browser test works against: a real server over its own database, and Chromium. */
export type Testbed = { server: TestServer; browser: Browser };

/**
 * Registers the hooks every browser test file starts with: the newsroom bundle current, a test
 * server and Chromium started before its tests and closed after them. `receive` gets both, so
 * the file keeps its own `server` and `browser` names; its own setup can follow in another before().
 */
export function useTestbed(receive: (testbed: Testbed) => void): void {
  let testbed: Partial<Testbed> = {};
  before(async () => {
    ensureClientBuilt();
    testbed = { server: await startTestServer() };
    testbed.browser = await launchBrowser();
    receive(testbed as Testbed);
  });
  after(async () => {
    await testbed.browser?.close();
    await testbed.server?.close();
  });
}

/**
 * A fresh browser context (its own cookies and storage: another machine, as far as the app can
 * tell) with one page, watched by `log`, signed in to the newsroom as `user`.
 */
export async function signInFresh(testbed: Testbed, log: ProblemLog, user: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await testbed.browser.newContext();
  const page = log.watch(await context.newPage());
  await loginInBrowser(page, testbed.server, user);
  return { context, page };
}
