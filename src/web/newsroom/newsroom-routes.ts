import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { registerMediaLibraryPage } from './media-library-page.tsx';
import { registerLoginPages } from './login-pages.tsx';

/** The newsroom's pages under /newsroom. */
export async function registerNewsroomRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  await registerMediaLibraryPage(app, context);
  await registerLoginPages(app, context);
}
