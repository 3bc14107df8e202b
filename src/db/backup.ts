import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Config } from '#src/config/config.ts';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '#src/lib/private-files.ts';
import type { DatabaseHandle } from './database.ts';

/** What a backup reads and a restore writes: the database and the folders the config names. */
type BackupContext = { config: Config; database: DatabaseHandle };

/**
 * Media kept elsewhere than the media folder (object storage, MEDIA_STORE=s3://…), as a backup
 * reads and a restore writes them: by key. The media store (domain/media/stores) is one.
 */
export type MediaFiles = {
  description: string;
  keys(): AsyncIterable<string>;
  get(key: string): Promise<{ body: Readable } | undefined>;
  put(key: string, data: { path: string }): Promise<number>;
};

/** Copies every file of `media` into `to`, keeping their keys as paths; answers how many. */
async function exportMedia(media: MediaFiles, to: string): Promise<number> {
  fs.mkdirSync(to, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  let count = 0;
  for await (const key of media.keys()) {
    const file = await media.get(key);
    if (!file) continue; // removed meanwhile
    const target = path.join(to, ...key.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await pipeline(file.body, fs.createWriteStream(target));
    count++;
  }
  return count;
}

/** Writes every file under `from` into `media` by its path as key. */
async function importMedia(media: MediaFiles, from: string): Promise<void> {
  if (!fs.existsSync(from)) return;
  for (const entry of fs.readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    await media.put(path.relative(from, file).split(path.sep).join('/'), { path: file });
  }
}

/** What a backup folder holds, written last: a folder without it is an unfinished backup. */
export type BackupManifest = {
  format: 1;
  takenAt: string;
  database: 'sqlite' | 'postgres';
  /** The file in the folder holding the database: a SQLite copy or a pg_dump custom-format archive. */
  databaseFile: string;
  /** On PostgreSQL, the schema the archive holds (and restore recreates), when the URL selected one. */
  postgresSchema?: string;
  /** Rows when the backup started (the copy may hold a few more written meanwhile). */
  counts: { articles: number; media: number; users: number };
  mediaFiles: number;
};

const MANIFEST = 'manifest.json';

/** The PostgreSQL schema a URL selects through `options=-c search_path=…`, if any. */
function schemaOfUrl(url: string): string | undefined {
  const options = new URL(url).searchParams.get('options') ?? '';
  return /search_path=([A-Za-z_][\w$]*)/.exec(options)?.[1];
}

async function countRows(context: BackupContext): Promise<BackupManifest['counts']> {
  const db = context.database.db;
  const count = async (table: 'articles' | 'media' | 'users') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { articles: await count('articles'), media: await count('media'), users: await count('users') };
}

async function tableCount(context: BackupContext): Promise<number> {
  const query =
    context.database.kind === 'sqlite'
      ? sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table'`
      : sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = current_schema()`;
  return Number((await query.execute(context.database.db)).rows[0]!.n);
}

function copyFolder(from: string, to: string): number {
  if (!fs.existsSync(from)) {
    fs.mkdirSync(to, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    return 0;
  }
  fs.cpSync(from, to, { recursive: true });
  return fs.readdirSync(to, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

/**
 * Takes a consistent copy while the site runs: the database first (SQLite's online backup API, or
 * pg_dump's snapshot), then the media folder, or every file of `media` when media live in object
 * storage, so every image a copied row names is in the copy.
 */
export async function backup(context: BackupContext, to: string, media?: MediaFiles): Promise<BackupManifest> {
  const target = path.resolve(to);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0) throw new Error(`${target} is not empty; back up into a new or empty folder.`);
  fs.mkdirSync(target, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const takenAt = new Date().toISOString();
  const counts = await countRows(context);
  const database = context.config.database;
  let databaseFile: string;
  let postgresSchema: string | undefined;
  if (database.kind === 'sqlite') {
    databaseFile = 'qalam.db';
    const source = new SQLite(database.file, { readonly: true, fileMustExist: true });
    try {
      // All remaining pages in one step: SQLite restarts a stepped backup whenever another
      // connection writes between steps, which on a busy site would be forever.
      await source.backup(path.join(target, databaseFile), { progress: () => 1_000_000_000 });
    } finally {
      source.close();
    }
  } else {
    databaseFile = 'database.dump';
    const schema = schemaOfUrl(database.url);
    postgresSchema = schema;
    const url = new URL(database.url);
    url.searchParams.delete('options');
    execFileSync('pg_dump', ['--format=custom', '--no-owner', ...(schema ? ['--schema', schema] : []), '--file', path.join(target, databaseFile), url.toString()], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  }
  fs.chmodSync(path.join(target, databaseFile), PRIVATE_FILE_MODE);
  const mediaFiles = media ? await exportMedia(media, path.join(target, 'media')) : copyFolder(context.config.mediaDir, path.join(target, 'media'));
  const manifest: BackupManifest = { format: 1, takenAt, database: database.kind, databaseFile, ...(postgresSchema ? { postgresSchema } : {}), counts, mediaFiles };
  fs.writeFileSync(path.join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  return manifest;
}

/** Brings a backup back into an empty data folder (or empty `media` store) and empty database; refuses anything else. */
export async function restore(context: BackupContext, from: string, media?: MediaFiles): Promise<BackupManifest> {
  const source = path.resolve(from);
  const manifestFile = path.join(source, MANIFEST);
  if (!fs.existsSync(manifestFile)) throw new Error(`${source} holds no ${MANIFEST}: not a Qalam backup, or an unfinished one.`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  const database = context.config.database;
  if (manifest.database !== database.kind) {
    throw new Error(`This backup holds a ${manifest.database} database, but DATABASE_URL selects ${database.kind}.`);
  }
  if ((await tableCount(context)) > 0) {
    throw new Error(`The target database is not empty; restore only into an empty database (a new DATA_DIR, or a new database or schema).`);
  }
  const mediaDir = context.config.mediaDir;
  if (media) {
    for await (const key of media.keys()) throw new Error(`${media.description} is not empty (it holds ${key}); restore only into an empty store.`);
  } else if (fs.existsSync(mediaDir) && fs.readdirSync(mediaDir).length > 0) throw new Error(`${mediaDir} is not empty; restore only into an empty data folder.`);
  if (database.kind === 'sqlite') {
    await context.database.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${database.file}${suffix}`, { force: true });
    fs.copyFileSync(path.join(source, manifest.databaseFile), database.file);
    fs.chmodSync(database.file, PRIVATE_FILE_MODE);
  } else {
    const schema = schemaOfUrl(database.url);
    if (schema !== manifest.postgresSchema) {
      throw new Error(
        `This backup holds the schema ${manifest.postgresSchema ?? 'public'}, and pg_restore recreates it under that name: point DATABASE_URL at an empty database with options=-c search_path=${manifest.postgresSchema ?? 'public'}.`,
      );
    }
    // The archive creates its schema itself; an empty one of that name (made to point the URL at) goes first.
    if (schema) await sql`drop schema if exists ${sql.id(schema)}`.execute(context.database.db);
    // Extensions live in public, outside a schema-only archive; the indexes in it need them (migration 0009).
    await sql`create extension if not exists pg_trgm with schema public`.execute(context.database.db);
    const url = new URL(database.url);
    url.searchParams.delete('options');
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', url.toString(), path.join(source, manifest.databaseFile)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  }
  if (media) await importMedia(media, path.join(source, 'media'));
  else {
    fs.rmSync(mediaDir, { recursive: true, force: true });
    copyFolder(path.join(source, 'media'), mediaDir);
  }
  return manifest;
}
