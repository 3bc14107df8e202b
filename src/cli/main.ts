import { parseArgs } from 'node:util';
import cluster from 'node:cluster';
import { ConfigError, loadConfig } from '#src/config/config.ts';
import type { AppContext } from '#src/app-context.ts';
import { makeDataFolderPrivate } from '#src/lib/private-files.ts';
import { createContext, prepareDatabase, refuseSchemaBehind } from './bootstrap.ts';
import { BadInput } from './bad-input.ts';

// Each command loads its own modules when it runs (import() below), never at start: `qalam import`
// has no use for the web server, the jobs, sharp or the demo content, and loading every module of
// the bundle held about 70 MB more before the first post was read (issue 12's memory goal).

type Command = {
  summary: string;
  /** The command's own help, printed for `qalam NAME --help` (without it, --help prints the list of commands); loaded with its module. */
  usage?: () => Promise<string>;
  run(context: AppContext, args: string[]): Promise<void | 'keep-open'>;
};

const COMMANDS: Record<string, Command> = {
  start: {
    summary: 'migrate, add demo content to an empty database, and serve on every core (what `npm start` runs)',
    async run(context, args) {
      const [{ seedDemoContent }, { ensureFirstAdmin }, { serve, workersOption }] = await Promise.all([import('#src/demo/seed-demo.ts'), import('#src/domain/people/first-admin.ts'), import('./serve.ts')]);
      await prepareDatabase(context);
      await seedDemoContent(context, { onlyIfEmpty: true });
      await ensureFirstAdmin(context);
      await serve(context, { workers: workersOption(args, context.config.workers) });
      return 'keep-open';
    },
  },
  serve: {
    summary: 'serve the site, newsroom and API (refuses a database that needs `qalam migrate`): --workers N processes, default WORKERS or one per core',
    async run(context, args) {
      // A database that is down at boot must not stop the server (it answers 503 until it is back);
      // one whose schema is behind does. Workers of a cluster leave this to their primary, which did
      // it before forking them.
      const [{ ensureFirstAdmin }, { serve, workersOption }] = await Promise.all([import('#src/domain/people/first-admin.ts'), import('./serve.ts')]);
      if (!cluster.isWorker) {
        await refuseSchemaBehind(context);
        await ensureFirstAdmin(context).catch((error: unknown) => context.logger.warn({ err: error }, 'Could not check for a first admin account'));
      }
      await serve(context, { workers: workersOption(args, context.config.workers) });
      return 'keep-open';
    },
  },
  migrate: {
    summary: 'bring the database schema up to date',
    async run(context) {
      const applied = await prepareDatabase(context);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
    },
  },
  seed: {
    summary: 'add the demo content unless articles exist, or --synthetic N made-up articles to try the site at scale (qalam seed --help)',
    usage: async () => (await import('./seed-command.ts')).SEED_USAGE,
    async run(context, args) {
      const { runSeedCommand } = await import('./seed-command.ts');
      await runSeedCommand(context, args);
    },
  },
  backup: {
    summary: 'copy the database and media (the media folder, or every file in MEDIA_STORE) into a new folder while the site runs: qalam backup --to DIR',
    async run(context, args) {
      const to = optionValue(args, '--to');
      if (!to) throw new Error('--to DIR is required: the folder to write the backup into (new or empty).');
      const { backup } = await import('#src/db/backup.ts');
      const manifest = await backup(context, to, await objectMediaStore(context));
      console.log(`Backed up ${manifest.counts.articles} articles, ${manifest.counts.media} images (${manifest.mediaFiles} files) from ${manifest.database} into ${to}.`);
    },
  },
  restore: {
    summary: 'bring a backup back into an empty data folder or database: qalam restore --from DIR',
    async run(context, args) {
      const from = optionValue(args, '--from');
      if (!from) throw new Error('--from DIR is required: a folder written by qalam backup.');
      const { restore } = await import('#src/db/backup.ts');
      const manifest = await restore(context, from, await objectMediaStore(context));
      console.log(`Restored the backup of ${manifest.takenAt}: ${manifest.counts.articles} articles, ${manifest.counts.media} images. Run qalam migrate if this version is newer.`);
    },
  },
  export: {
    summary: 'write everything the portal owns (content, settings, media) in the documented export format: qalam export --to DIR; or a WordPress WXR file: --wxr FILE',
    async run(context, args) {
      const { runExportCommand } = await import('./portability-command.ts');
      await runExportCommand(context, args);
    },
  },
  user: {
    summary: `manage newsroom accounts: create, list, role, disable, enable (qalam user --help)`,
    usage: async () => (await import('./user-command.ts')).USER_USAGE,
    async run(context, args) {
      const { runUserCommand } = await import('./user-command.ts');
      await runUserCommand(context, args);
    },
  },
  rights: {
    summary: 'the rights desk: check a page for reuse of our articles, rebuild the index (qalam rights --help)',
    usage: async () => (await import('./rights-command.ts')).RIGHTS_USAGE,
    async run(context, args) {
      const { runRightsCommand } = await import('./rights-command.ts');
      await runRightsCommand(context, args);
    },
  },
  import: {
    summary: 'move in: qalam import wordpress FILE.xml | ghost FILE.json, or qalam import qalam DIR (a folder written by qalam export) into an empty install (qalam import --help)',
    async run(context, args) {
      if (args.includes('--help')) return void console.log((await import('./import-command.ts')).IMPORT_USAGE);
      // The source picks the reader: another Qalam's export folder, or WordPress and Ghost files.
      const [source, dir] = args.filter((arg) => !arg.startsWith('--'));
      if (source === 'qalam') return (await import('./portability-command.ts')).runQalamImport(context, dir);
      await (await import('./import-command.ts')).runImportCommand(context, args);
    },
  },
};

/** The media store when media live in object storage (a backup copies its files by key), else undefined: the media folder is copied as a folder. */
async function objectMediaStore(context: AppContext) {
  return context.config.mediaStore.kind === 'local' ? undefined : (await import('#src/domain/media/stores/media-store-of.ts')).mediaStoreOf(context.config);
}

/** The value after `--name` in a command's arguments. */
function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  qalam ${name.padEnd(10)} ${c.summary}`);
  return `Usage: qalam <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nConfiguration comes from the environment: PORT, HOST, BASE_URL, DATA_DIR, DATABASE_URL, WORKERS (see README).`;
}

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const [name, ...rest] = positionals;
  const ownHelp = name ? COMMANDS[name]?.usage : undefined;
  if (ownHelp && argv.includes('--help')) {
    console.log(await ownHelp());
    return 0;
  }
  if (!name || name === 'help' || argv.includes('--help')) {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  let context: AppContext;
  try {
    const config = loadConfig();
    // Before anything is opened or written: the database, its -wal/-shm and media are created owner-only.
    makeDataFolderPrivate(config);
    context = createContext(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 78; // EX_CONFIG
    }
    throw error;
  }
  try {
    const outcome = await command.run(context, argv.slice(argv.indexOf(name) + 1));
    if (outcome === 'keep-open') return -1;
    await context.database.close();
    // A command that finished but with a failure to report (an import that stopped part-way) set the code.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof BadInput) {
      console.error(error.message);
      await context.database.close().catch(() => {});
      return 2;
    }
    context.logger.error({ err: error }, `qalam ${name} failed`);
    console.error(`qalam ${name} failed: ${(error as Error).message}`);
    await context.database.close().catch(() => {});
    return 1;
  }
  void rest;
}

const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
