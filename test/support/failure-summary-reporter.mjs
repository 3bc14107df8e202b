// A node:test reporter printing, after the whole run, each failure with its reason: with ~1,200
// tests the TAP stream is long, and a CI log shown in excerpts may hide the one line that says why
// (a suite's `before` hook that threw shows only as its tests "cancelled by parent").
import path from 'node:path';

const STACK_LINES = 6;

/** The message of a failure, and of the error that caused it, with the first frames of its stack. */
function reasonOf(error) {
  const cause = error?.cause;
  const reported = cause instanceof Error || (cause && typeof cause === 'object') ? cause : error;
  const text = String(reported?.stack ?? reported?.message ?? reported ?? error);
  return text.split('\n').slice(0, STACK_LINES).map((line) => `      ${line}`).join('\n');
}

export default async function* failureSummary(source) {
  const failures = [];
  for await (const event of source) {
    if (event.type !== 'test:fail') continue;
    const { name, file, details } = event.data;
    const error = details?.error;
    // A test cancelled because its suite failed says nothing of its own; the suite's entry does.
    if (error?.failureType === 'cancelledByParent') continue;
    const where = file ? path.relative(process.cwd(), file) : '';
    failures.push(`  ✗ ${name}${where ? ` (${where})` : ''}\n${reasonOf(error)}`);
  }
  if (failures.length === 0) return;
  yield `\n# failures and their reasons (${failures.length})\n${failures.join('\n')}\n`;
}
