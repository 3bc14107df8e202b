import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { AppContext } from '#src/app-context.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** /assets: the site's CSS, icons and the newsroom bundle; /media: uploaded images and variants. */
export async function registerStaticFiles(app: FastifyInstance, { config }: AppContext): Promise<void> {
  fs.mkdirSync(config.mediaDir, { recursive: true });
  await app.register(fastifyStatic, {
    root: [path.join(ROOT, 'public'), path.join(ROOT, 'dist', 'client')].filter((dir) => fs.existsSync(dir)),
    prefix: '/assets/',
    maxAge: '1h',
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: config.mediaDir,
    prefix: '/media/',
    // Variant files are content-addressed by media id and width and never change in place.
    immutable: true,
    maxAge: '365d',
    decorateReply: false,
  });
}
