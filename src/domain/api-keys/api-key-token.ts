import { randomBytes, randomInt } from 'node:crypto';
import { hashToken } from '#src/domain/people/secret-tokens.ts';

// Letters and digits only, so a double click selects the whole key and no URL or shell quoting is needed.
const SECRET_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// 43 characters of 62 carry 256 bits: as strong as the session tokens (secret-tokens.ts).
const SECRET_LENGTH = 43;
// 6 random bytes as hex: a 48-bit public id, so two keys practically never share one (the column is unique).
const PREFIX_BYTES = 6;
const KEY_PATTERN = /^qk_([0-9a-f]{12})_([0-9A-Za-z]{43})$/;

/** A key as handed to its owner once: `qk_<prefix>_<secret>`. */
export type NewApiKeyToken = {
  /** The whole key, shown once and never stored. */
  token: string;
  /** The public part, stored and shown in lists. */
  prefix: string;
  /** SHA-256 (hex) of the whole key: what the database keeps. */
  secretHash: string;
};

/** A fresh key: a random public prefix and a 256-bit secret, with the hash to store. */
export function newApiKeyToken(): NewApiKeyToken {
  const prefix = randomBytes(PREFIX_BYTES).toString('hex');
  let secret = '';
  // randomInt is uniform over the alphabet (no modulo bias).
  for (let i = 0; i < SECRET_LENGTH; i += 1) secret += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  const token = `qk_${prefix}_${secret}`;
  return { token, prefix, secretHash: hashToken(token) };
}

/** The prefix of a well-formed key, or null when the text is not shaped like one. */
export function apiKeyPrefixOf(token: string): string | null {
  return KEY_PATTERN.exec(token)?.[1] ?? null;
}

/** What a presented key is compared with: the same hash the row keeps. */
export function apiKeyHash(token: string): string {
  return hashToken(token);
}
