import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { apiKeyHash, apiKeyPrefixOf, newApiKeyToken } from './api-key-token.ts';

describe('API key tokens', () => {
  it('makes qk_<prefix>_<secret> keys whose stored hash is the hash of the whole key, never the key', () => {
    const { token, prefix, secretHash } = newApiKeyToken();
    assert.match(token, /^qk_[0-9a-f]{12}_[0-9A-Za-z]{43}$/);
    assert.equal(apiKeyPrefixOf(token), prefix);
    assert.equal(secretHash, apiKeyHash(token));
    assert.ok(!secretHash.includes(token.slice(16)));
  });

  it('never makes the same key twice', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newApiKeyToken().token));
    assert.equal(tokens.size, 200);
  });

  it('finds no prefix in text that is not shaped like a key', () => {
    const { token } = newApiKeyToken();
    for (const text of ['', 'qk_', token.slice(0, -1), `${token}x`, token.toUpperCase(), token.replace('qk_', 'pk_'), ` ${token}`, `${token}\n`]) {
      assert.equal(apiKeyPrefixOf(text), null, JSON.stringify(text));
    }
  });
});
