import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeSecurityHeaders } from './security-headers.ts';

describe('computeSecurityHeaders', () => {
  const headers = computeSecurityHeaders();

  it('forbids inline scripts and styles and framing by other sites', () => {
    const csp = headers['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
  });

  it('carries the rest of helmet’s set', () => {
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['referrer-policy'], 'no-referrer');
    assert.ok(headers['strict-transport-security']);
    assert.equal(headers['cross-origin-resource-policy'], 'cross-origin');
  });
});
