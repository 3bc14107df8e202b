import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { Role } from '#src/db/schema.ts';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { ingestImage } from '#src/domain/media/media-service.ts';
import { signedInAs, type HttpSession, type UserFixture } from '../../support/auth.ts';
import type { TestServer } from '../../support/test-server.ts';

/** A signed-in newsroom user and a JSON client speaking as them. */
export type ApiUser = HttpSession & {
  user: UserFixture;
  /** Sends JSON as this user (cookie and CSRF header); answers status and parsed body. */
  call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
};

/** Signs in a fresh user of `role` and answers a JSON client for them. */
export async function apiUser(server: TestServer, role: Role): Promise<ApiUser> {
  const session = await signedInAs(server, role);
  return {
    ...session,
    async call(method, path, body) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

/** Creates an article through the API as `as`; throws unless it answers 201. */
export async function createArticle(as: ApiUser, fields: Record<string, unknown>): Promise<ArticleJson> {
  const { status, body } = await as.call<ArticleJson>('POST', '/api/admin/articles', fields);
  if (status !== 201) throw new Error(`create answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** A paragraph-only body. */
export function textBody(...paragraphs: string[]) {
  return { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
}

/** Adds a small generated image (of a random colour, so never a duplicate) to the media library; answers its id. */
export async function imageFixture(server: TestServer, options: { altText: string; name: string }): Promise<number> {
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: `#${randomBytes(3).toString('hex')}` } }).png().toBuffer();
  const view = await ingestImage(server.context, { bytes, originalName: options.name, altText: options.altText, userId: null });
  return view.id;
}
