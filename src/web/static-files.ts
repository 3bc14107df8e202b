import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { AppContext } from '#src/app-context.ts';
import { registerMediaRoute } from './media-route.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * /assets: the site's CSS, icons and the newsroom bundle; /media: uploaded images and variants,
 * from the media folder, or through media-route.ts from object storage or by redirect to a public
 * media origin (MEDIA_STORE, MEDIA_PUBLIC_URL).
 */
export async function registerStaticFiles(app: FastifyInstance, context: AppContext): Promise<void> {
  const { config } = context;
  await app.register(fastifyStatic, {
    root: [path.join(ROOT, 'public'), path.join(ROOT, 'dist', 'client')].filter((dir) => fs.existsSync(dir)),
    prefix: '/assets/',
    maxAge: '1h',
    decorateReply: false,
  });
  if (config.mediaStore.kind !== 'local' || config.mediaPublicUrl) return registerMediaRoute(app, context);
  fs.mkdirSync(config.mediaStore.dir, { recursive: true });
  await app.register(fastifyStatic, {
    root: config.mediaStore.dir,
    prefix: '/media/',
    // Variant files are content-addressed by media id and width and never change in place.
    immutable: true,
    maxAge: '365d',
    decorateReply: false,
  });
}
