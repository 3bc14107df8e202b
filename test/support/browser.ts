import { chromium, type Browser, type Page } from 'playwright-core';

/** The machine's Chromium with the flags this environment needs (never a downloaded browser). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    // Without the background-networking flags Chromium keeps dialling out, and this network refuses it.
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
