import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The layers (ADR 0018): each rule names a folder of src/ and what it may never import, so a
 * domain service cannot reach for a web helper, infrastructure cannot reach up to the wiring, and
 * lib stays framework-free. Type-only imports count too, unless a rule says otherwise: a type
 * import still couples the layers.
 */
const SRC = path.resolve('src');

type Rule = {
  /** Files under this folder of src/ (or this one file). */
  from: string;
  /** Modules under these folders of src/ (or these files) are refused. */
  never: string[];
  /** Files the rule leaves alone: the wiring itself, or tests beside the code. */
  except?: (file: string) => boolean;
  /** Type-only imports allowed (e.g. db may name a domain type, never run domain code). */
  allowTypeImports?: boolean;
  why: string;
};

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

const RULES: Rule[] = [
  { from: 'domain', never: ['web', 'render', 'cli', 'cache', 'jobs', 'app.ts'], except: isTest, why: 'the domain knows no HTTP, no HTML and no wiring' },
  { from: 'db', never: ['app-context.ts', 'app.ts', 'web', 'domain', 'cli', 'jobs', 'cache', 'render'], except: isTest, why: 'infrastructure never reaches up to the app' },
  { from: 'lib', never: ['domain', 'web', 'db', 'render', 'cli', 'cache', 'jobs', 'app-context.ts', 'app.ts'], except: isTest, why: 'lib is framework-free helpers' },
  { from: 'render', never: ['web', 'cli', 'app.ts'], except: isTest, why: 'rendering draws models; routes use it, never the reverse' },
  { from: 'cache', never: ['web', 'cli', 'domain', 'app.ts'], except: isTest, why: 'the page cache stores bytes by URL and tag' },
  { from: 'i18n', never: ['domain', 'web', 'db', 'render', 'cli', 'cache', 'jobs', 'app-context.ts', 'app.ts'], except: isTest, why: 'languages and catalogues serve every layer and depend on none' },
];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Each import of a file: the module it names, resolved to a path under src/ when it is ours, and whether it is type-only. */
function importsOf(file: string, text: string): Array<{ target: string; typeOnly: boolean }> {
  const found: Array<{ target: string; typeOnly: boolean }> = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) {
    const specifier = match[3]!;
    let target: string | undefined;
    if (specifier.startsWith('#src/')) target = path.join(SRC, specifier.slice('#src/'.length));
    else if (specifier.startsWith('.')) target = path.resolve(path.dirname(file), specifier);
    if (target) found.push({ target: path.relative(SRC, target), typeOnly: Boolean(match[2]) });
  }
  // Dynamic imports too: a layer crossing is no less one for being lazy.
  for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const specifier = match[1]!;
    if (specifier.startsWith('#src/')) found.push({ target: specifier.slice('#src/'.length), typeOnly: false });
    else if (specifier.startsWith('.')) found.push({ target: path.relative(SRC, path.resolve(path.dirname(file), specifier)), typeOnly: false });
  }
  return found;
}

const within = (relative: string, folderOrFile: string) => relative === folderOrFile || relative.startsWith(`${folderOrFile}/`);

/** Every import in src/ that breaks a rule, as "file → module (why)". */
function violations(files: Array<{ file: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    const relative = path.relative(SRC, file);
    for (const rule of RULES) {
      if (!within(relative, rule.from) || rule.except?.(relative)) continue;
      for (const { target, typeOnly } of importsOf(file, text)) {
        if (typeOnly && rule.allowTypeImports) continue;
        const refused = rule.never.find((folder) => within(target, folder));
        if (refused) found.push(`${relative} → ${target} (${rule.why})`);
      }
    }
  }
  return found;
}

/** Route modules: the files that register routes and the pages they answer (not the browser islands, views or the guard). */
const ROUTE_FOLDERS = ['web/site', 'web/newsroom', 'web/api'];
const NOT_ROUTES = ['web/site/views', 'web/newsroom/views', 'web/newsroom/client'];

/**
 * What a route never does (ADR 0017): reach the database (a handle, a query, raw SQL) or decide by
 * role. It validates, calls one service method and answers; the minimum role is its `config.minRole`,
 * finer rules are the area's policy.
 */
const ROUTE_NEVER: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /database\.db\b/, what: 'a database handle' },
  { pattern: /\.selectFrom\(/, what: 'a query' },
  { pattern: /\bsql`/, what: 'raw SQL' },
  { pattern: /\bhasRole\(/, what: 'a role check' },
  { pattern: /\brequireRole\(/, what: 'a role check' },
];

/** Every line of a route module that reaches the database or checks a role, as "file:line: what". */
function routeViolations(files: Array<{ file: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    const relative = path.relative(SRC, file);
    if (!ROUTE_FOLDERS.some((folder) => within(relative, folder)) || NOT_ROUTES.some((folder) => within(relative, folder)) || isTest(relative)) continue;
    text.split('\n').forEach((line, index) => {
      for (const { pattern, what } of ROUTE_NEVER) {
        if (pattern.test(line)) found.push(`${relative}:${index + 1}: ${what} in a route module (${line.trim()})`);
      }
    });
  }
  return found;
}

describe('the import rules between layers', () => {
  const files = filesUnder(SRC).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));

  it('holds across src/', () => {
    assert.deepEqual(violations(files), []);
  });

  it('keeps route modules free of SQL, database handles and role checks', () => {
    assert.deepEqual(routeViolations(files), []);
  });

  it('catches a route that reads the database or checks a role, and leaves views, islands and the guard alone', () => {
    const planted = [
      { file: path.join(SRC, 'web/site/routes/planted.tsx'), text: "const x = 1;\nconst db = context.database.db;\n" },
      { file: path.join(SRC, 'web/newsroom/planted-page.tsx'), text: "if (hasRole(actor, 'editor')) show();\n" },
      { file: path.join(SRC, 'web/api/admin/planted-api.ts'), text: "await db.selectFrom('users').execute();\nawait sql`select 1`.execute(db);\nrequireRole(request, 'admin');\n" },
      { file: path.join(SRC, 'web/newsroom/views/planted-layout.tsx'), text: "hasRole(actor, item.role);\n" },
      { file: path.join(SRC, 'web/newsroom/client/planted-app.tsx'), text: "hasRole(actor, 'editor');\n" },
      { file: path.join(SRC, 'web/middleware/planted-guard.ts'), text: "requireRole(request, 'contributor');\n" },
    ];
    const found = routeViolations(planted);
    assert.equal(found.length, 5, found.join('\n'));
    assert.match(found[0]!, /^web\/site\/routes\/planted\.tsx:2: a database handle/);
  });

  it('catches a domain module that imports the web layer, a db module that imports the wiring, lib reaching into the domain and i18n reaching into it', () => {
    const planted = [
      { file: path.join(SRC, 'domain/articles/planted.ts'), text: "import { signedInActor } from '#src/web/middleware/require-role.ts';\n" },
      { file: path.join(SRC, 'db/planted.ts'), text: "import type { AppContext } from '../app-context.ts';\n" },
      { file: path.join(SRC, 'lib/planted.ts'), text: "export { can } from '#src/domain/articles/article-policy.ts';\n" },
      { file: path.join(SRC, 'render/planted.tsx'), text: "const lazy = () => import('#src/web/site/site-chrome.ts');\n" },
      { file: path.join(SRC, 'i18n/planted.ts'), text: "import type { SiteSettings } from '#src/domain/settings/settings-repository.ts';\n" },
    ];
    assert.equal(violations(planted).length, 5, violations(planted).join('\n'));
  });
});
