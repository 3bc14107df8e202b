import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VNU = path.join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 A and AA rule tags of axe-core. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** W3C Nu HTML Checker errors over saved pages (one Java start for all), as "file: message [extract]" lines. */
export function htmlErrors(files: string[]): string[] {
  const result = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8' });
  // vnu writes its JSON report to stderr.
  const report = JSON.parse(result.stderr || result.stdout || '{"messages":[]}') as {
    messages: Array<{ type: string; message: string; url?: string; extract?: string }>;
  };
  return report.messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => `${path.basename(m.url ?? '')}: ${m.message} [${m.extract ?? ''}]`);
}

type AxeOptions = {
  /** Rule tags to run; null runs every rule axe has. */
  tags: string[] | null;
  /** Report every violation, or only the serious and critical ones. */
  impacts: 'all' | 'serious-and-critical';
};

/** axe-core violations on the page as it is now, as "url: rule (impact, help) at targets" lines. */
export async function accessibilityProblems(
  page: Page,
  options: AxeOptions = { tags: WCAG_21_AA, impacts: 'serious-and-critical' },
): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    type Result = { violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> };
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<Result> } }).axe;
    const result = await axe.run(document, tags ? { runOnly: { type: 'tag', values: tags } } : {});
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, options.tags);
  return violations
    .filter((v) => options.impacts === 'all' || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${page.url()}: ${v.id} (${v.impact}, ${v.help}) at ${v.targets.join(', ')}`);
}

/** Nu HTML Checker errors over pages' HTML, given as text (written to a folder of their own for one vnu run, then removed). */
export function htmlErrorsOf(pages: readonly string[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-nu-'));
  try {
    return htmlErrors(
      pages.map((html, index) => {
        const file = path.join(dir, `page-${index + 1}.html`);
        fs.writeFileSync(file, html);
        return file;
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every named page of the site at `baseUrl`, fetched as a reader gets it, through the Nu HTML
 * Checker and then, on a 390 px phone, through axe (WCAG 2.1 AA and best practice, every impact).
 * Answers the problems found, each line starting with the page's name; both lists empty when clean.
 */
export async function nuAndAxeProblems(browser: Browser, baseUrl: string, pages: Record<string, string>): Promise<{ html: string[]; accessibility: string[] }> {
  const texts: string[] = [];
  for (const pagePath of Object.values(pages)) texts.push(await (await fetch(`${baseUrl}${pagePath}`, { redirect: 'manual' })).text());
  const html = htmlErrorsOf(texts);
  const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
  const accessibility: string[] = [];
  try {
    for (const [name, pagePath] of Object.entries(pages)) {
      await page.goto(`${baseUrl}${pagePath}`, { waitUntil: 'load' });
      for (const problem of await accessibilityProblems(page, { tags: [...WCAG_21_AA, 'best-practice'], impacts: 'all' })) accessibility.push(`${name}: ${problem}`);
    }
  } finally {
    await page.close();
  }
  return { html, accessibility };
}
