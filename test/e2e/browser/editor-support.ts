import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { chromium, type Browser, type Page } from 'playwright-core';

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

/** The machine's Chromium with the flags this environment needs (never a downloaded browser). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Console errors, page errors and CSP violations seen by the pages a test watches. */
export class ProblemLog {
  readonly problems: string[] = [];
  private readonly allowed: RegExp[] = [];

  /** Watches a page: console errors, uncaught exceptions, and CSP violations (reported from the page itself). */
  watch(page: Page): Page {
    void page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    page.on('console', (message) => {
      if (message.type() === 'error') this.record(`${page.url()} console: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.record(`${page.url()} page error: ${error.message}`));
    return page;
  }

  /** Declares an error the test provokes on purpose (e.g. the 403 of a refused API call). */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  private record(text: string): void {
    if (!this.allowed.some((pattern) => pattern.test(text))) this.problems.push(text);
  }
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


const VNU = path.join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** W3C Nu HTML Checker errors over saved pages (one Java start for all), as "file: message" lines. */
export function htmlErrors(files: string[]): string[] {
  const result = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8' });
  // vnu writes its JSON report to stderr.
  const report = JSON.parse(result.stderr || result.stdout || '{"messages":[]}') as { messages: Array<{ type: string; message: string; url?: string; extract?: string }> };
  return report.messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => `${path.basename(m.url ?? '')}: ${m.message} [${m.extract ?? ''}]`);
}

/** Serious and critical axe-core violations (WCAG 2.1 A/AA) on the page as it is now. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${page.url()}: ${v.id} (${v.impact}) at ${v.targets.join(', ')}`);
}
