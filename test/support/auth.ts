import type { Page } from 'playwright-core';
import type { AppContext } from '#src/app-context.ts';
import type { Role } from '#src/db/schema.ts';
import { asSystem, type Actor } from '#src/domain/people/actor.ts';
import { setUserPassword } from '#src/domain/people/user-repository.ts';
import { hashPassword } from '#src/domain/people/password-hashing.ts';
import { createUserService } from '#src/domain/people/user-service.ts';
import type { TestServer } from './test-server.ts';

/** A user created for a test, with the password it signs in with. */
export type UserFixture = { id: number; email: string; password: string; role: Role; name: string };

/** An HTTP session usable with fetch: send `cookie` on every request and `x-csrf-token` on writes. */
export type HttpSession = { cookie: string; csrfToken: string };

let sequence = 0;

/** Creates an enabled user with a known password (no password change required). */
export async function createUserFixture(
  context: AppContext,
  options: { role: Role; email?: string; password?: string; name?: string },
): Promise<UserFixture> {
  sequence += 1;
  const email = options.email ?? `${options.role}-${process.pid}-${sequence}@example.test`;
  const password = options.password ?? `pass-${options.role}-${sequence}-long-enough`;
  const name = options.name ?? `${options.role[0]!.toUpperCase()}${options.role.slice(1)} ${sequence}`;
  const { user } = await createUserService(context).create(asSystem(), { email, name, role: options.role });
  // Set the known password directly: fixtures skip the first-sign-in password change.
  await setUserPassword(context.database.db, user.id, await hashPassword(password), false);
  return { id: user.id, email: user.email, password, role: options.role, name };
}

/** The actor a fixture user acts as in a service (as their session would make it), for changes made outside HTTP. */
export function actorOf(user: UserFixture): Actor {
  return { kind: 'user', id: user.id, role: user.role, name: user.name, email: user.email, authorId: null };
}

/** The name=value pairs of a response's Set-Cookie headers. */
export function cookiesOf(response: Response): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const index = pair!.indexOf('=');
    pairs[pair!.slice(0, index).trim()] = pair!.slice(index + 1).trim();
  }
  return pairs;
}

/** The hidden _csrf value of the first form in an HTML page. */
export function csrfFieldOf(html: string): string {
  const match = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!match) throw new Error('The page has no _csrf field.');
  return match[1]!;
}

/** Fetches the sign-in form and returns its pre-session cookie header and CSRF field. */
export async function openLoginForm(server: Pick<TestServer, 'url'>): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${server.url}/newsroom/login`);
  if (response.status !== 200) throw new Error(`GET /newsroom/login answered ${response.status}`);
  const cookies = cookiesOf(response);
  return { cookie: `qalam_csrf=${cookies.qalam_csrf}`, csrfToken: csrfFieldOf(await response.text()) };
}

/** Posts the sign-in form (as a browser would) and returns the raw response (303 on success). */
export async function postLogin(server: Pick<TestServer, 'url'>, credentials: { email: string; password: string; next?: string }): Promise<Response> {
  const form = await openLoginForm(server);
  return fetch(`${server.url}/newsroom/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: form.csrfToken, email: credentials.email, password: credentials.password, next: credentials.next ?? '' }),
  });
}

/** Signs in through the real form; returns the session cookie header and the session's CSRF token. */
export async function loginAs(server: Pick<TestServer, 'url'>, credentials: { email: string; password: string }): Promise<HttpSession> {
  const response = await postLogin(server, credentials);
  if (response.status !== 303) throw new Error(`Sign-in failed for ${credentials.email}: ${response.status}`);
  const token = cookiesOf(response).qalam_session;
  if (!token) throw new Error('Sign-in set no qalam_session cookie.');
  const cookie = `qalam_session=${token}`;
  const session = await fetch(`${server.url}/api/admin/session`, { headers: { cookie } });
  const body = (await session.json()) as { csrfToken: string };
  return { cookie, csrfToken: body.csrfToken };
}

/** Creates a user of `role` and signs it in: the common start of a test. */
export async function signedInAs(server: TestServer, role: Role): Promise<HttpSession & { user: UserFixture }> {
  const user = await createUserFixture(server.context, { role });
  return { ...(await loginAs(server, user)), user };
}

/** Signs in through the real form in a browser page; resolves once the newsroom has loaded. */
export async function loginInBrowser(page: Page, server: TestServer, credentials: { email: string; password: string }): Promise<void> {
  await page.goto(`${server.url}/newsroom/login`);
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password', { exact: true }).fill(credentials.password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/newsroom/login')), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/** Posts a urlencoded form as a signed-in browser would (the session's _csrf included unless given); no redirects followed. */
export async function postForm(server: TestServer, session: HttpSession | null, path: string, fields: Record<string, string>): Promise<Response> {
  const body = new URLSearchParams(session ? { _csrf: session.csrfToken, ...fields } : fields);
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...(session ? { cookie: session.cookie } : {}), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

/** GETs a page with a session cookie; no redirects followed. */
export async function getAs(server: TestServer, session: HttpSession | null, path: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { redirect: 'manual', headers: session ? { cookie: session.cookie } : {} });
}

/** Uploads an image to the media library as `session` (multipart, as the newsroom sends it); answers the raw response. */
export async function uploadImage(
  server: Pick<TestServer, 'url'>,
  session: HttpSession | null,
  bytes: Buffer,
  name: string,
  fields: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  // Text fields first: multipart parsers read fields that come before the file.
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const headers: Record<string, string> = session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {};
  return fetch(`${server.url}/api/admin/media`, { method: 'POST', headers, body: form });
}
