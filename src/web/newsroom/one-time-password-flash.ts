import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';

/**
 * A generated one-time password carried across the redirect that follows "Add user" (post, then
 * redirect, then get: a reload must not post again), and shown once. It lives only in the adding
 * admin's browser: an HttpOnly, SameSite=Strict cookie for the users page alone, for a few minutes,
 * cleared by the page that shows it. Nothing keeps it on the server, and the user must replace it
 * at first sign-in anyway.
 */
const FLASH_COOKIE = 'qalam_new_user';
const FLASH_PATH = '/newsroom/users';
const FLASH_SECONDS = 300;

const flashSchema = z.object({ userId: z.number().int(), password: z.string().min(1).max(200) });

/** What the users page shows once: the new user's id and their generated password. */
export type OneTimePasswordFlash = z.infer<typeof flashSchema>;

/** Hands the generated password to the next GET of the users page. */
export function keepOneTimePassword(reply: FastifyReply, context: AppContext, flash: OneTimePasswordFlash): void {
  const value = Buffer.from(JSON.stringify(flash)).toString('base64url');
  reply.setCookie(FLASH_COOKIE, value, { path: FLASH_PATH, httpOnly: true, sameSite: 'strict', secure: context.config.secureCookies, maxAge: FLASH_SECONDS });
}

/** Takes the kept password (at most once: the cookie is cleared); undefined when there is none or it is malformed. */
export function takeOneTimePassword(request: FastifyRequest, reply: FastifyReply, context: AppContext): OneTimePasswordFlash | undefined {
  const raw = request.cookies[FLASH_COOKIE];
  if (raw === undefined) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: FLASH_PATH, httpOnly: true, sameSite: 'strict', secure: context.config.secureCookies });
  try {
    const parsed = flashSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
