import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { AppContext } from '#src/app-context.ts';
import { registerMediaRoute } from './media-route.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PUBLIC_DIR = path.join(ROOT, 'public');
const BUILT_DIR = path.join(ROOT, 'dist', 'client');
/** A year, the longest a cache keeps anything: for URLs whose bytes never change. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/**
 * Whether the build's copy of public/ (made by Vite, with compressed siblings) is current. After
 * someone edits public/ and does not build, its files are newer than their copies: serving the
 * sources then, uncompressed, beats serving yesterday's stylesheet compressed.
 */
function builtCopyIsCurrent(): boolean {
  if (!fs.existsSync(BUILT_DIR)) return false;
  return filesUnder(PUBLIC_DIR).every((file) => {
    const built = path.join(BUILT_DIR, file);
    return fs.existsSync(built) && fs.statSync(built).mtimeMs >= fs.statSync(path.join(PUBLIC_DIR, file)).mtimeMs;
  });
}

/**
 * /assets: the site's CSS, icons and the newsroom bundle, compressed once at build
 * (scripts/compress-assets.js: a .br and a .gz beside each text file) and sent compressed to the
 * browsers that take it (ADR 0077). A URL that names its version (`?v=`, the hashed chunks) is
 * cached for a year; the others for an hour. /media: uploaded images and variants, from the media
 * folder, or through media-route.ts from object storage or by redirect to a public media origin
 * (MEDIA_STORE, MEDIA_PUBLIC_URL).
 */
export async function registerStaticFiles(app: FastifyInstance, context: AppContext): Promise<void> {
  const { config } = context;
  const isBuilt = builtCopyIsCurrent();
  await app.register(fastifyStatic, {
    root: isBuilt ? [BUILT_DIR, PUBLIC_DIR] : [PUBLIC_DIR, BUILT_DIR].filter((dir) => fs.existsSync(dir)),
    prefix: '/assets/',
    preCompressed: isBuilt,
    maxAge: '1h',
    decorateReply: false,
    setHeaders(reply, file) {
      const isVersioned = (reply.request.query as Record<string, unknown>).v !== undefined || file.startsWith(path.join(BUILT_DIR, 'chunks') + path.sep);
      if (isVersioned) reply.header('cache-control', IMMUTABLE);
    },
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
