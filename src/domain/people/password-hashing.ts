import type { Algorithm } from '@node-rs/argon2';
import { loadAtFirstUse } from '#src/lib/load-at-first-use.ts';

// The native binding is loaded at the first hash or verification: most starts hash no password.
const loadArgon2 = loadAtFirstUse<typeof import('@node-rs/argon2')>('@node-rs/argon2');

// Argon2id with the OWASP-recommended minimum (m=19 MiB, t=2, p=1). The const enum is not
// available at runtime under verbatimModuleSyntax, so its value (2 = Argon2id) is spelled out.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Shortest password accepted, in characters (NIST SP 800-63B asks for at least 8). */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest password accepted, in characters: bounds hashing cost. */
export const MAX_PASSWORD_LENGTH = 256;

/** An argon2id PHC string for a password. */
export function hashPassword(password: string): Promise<string> {
  return loadArgon2().hash(password, OPTIONS);
}

/** Whether the password matches the stored PHC string; a malformed hash is simply false. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await loadArgon2().verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash computed once so that a sign-in for an unknown email costs as much as one for a known email.
let dummyHash: Promise<string> | undefined;

/** Spends the time a verification takes, for unknown accounts (no timing oracle for which emails exist). */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('qalam-timing-equaliser');
  await verifyPassword(await dummyHash, password);
  return false;
}
