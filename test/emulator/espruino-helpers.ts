// Built Espruino firmware for the sandbox tests: an app.js per entry.
//
// The real `flagpoll build` is preferred when the CLI has it; a stand-in
// bundles what the build bundles: the firmware, startEspruino and the board
// file, one IIFE that calls `startEspruino(board, firmware, buildId)` and
// then only uses the Espruino API. FLAGPOLL_TEST_BUILD chooses:
//   real     `flagpoll build` only (a build that fails fails the test)
//   standin  the stand-in only
//   (unset)  `flagpoll build` when the CLI has it, the stand-in when it has
//            not or when the build refuses; `BuiltApp.by` and `why` say
//            which, and the tests print it as a diagnostic.
// Builds are cached per entry and board, written to a temporary folder.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const dir = mkdtempSync(join(tmpdir(), 'flagpoll-espruino-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
// Entries are ESM, as firmware must be: else the host run loads a second copy of flagpoll (its own PENDING).
writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
let count = 0;

export interface BuiltApp {
  /** Path of app.js. */
  file: string;
  code: string;
  /** Source map of the stand-in's output (the real build's when it writes one), for audit reports. */
  map?: object;
  /** Which builder made it. */
  by: 'flagpoll build' | 'stand-in';
  /** Why the stand-in, when `flagpoll build` was not used. */
  why?: string;
}

/** Whether the CLI has `flagpoll build`. */
export function realBuildAvailable(): boolean {
  return /case 'build'/.test(readFileSync('src/cli/main.ts', 'utf8'));
}

const cache = new Map<string, Promise<BuiltApp>>();

/** app.js for firmware entry `entry` (a .ts file default-exporting the firmware) on `board`. */
export function buildApp(entry: string, board = 'espruino-pico'): Promise<BuiltApp> {
  const key = `${resolve(entry)}@${board}`;
  let built = cache.get(key);
  if (built === undefined) {
    built = chooseBuild(entry, board);
    cache.set(key, built);
  }
  return built;
}

async function chooseBuild(entry: string, board: string): Promise<BuiltApp> {
  const mode = process.env.FLAGPOLL_TEST_BUILD;
  if (mode === 'real') return realBuild(entry, board);
  if (mode === 'standin') return { ...(await standIn(entry, board)), why: 'FLAGPOLL_TEST_BUILD=standin' };
  if (!realBuildAvailable()) return { ...(await standIn(entry, board)), why: 'the CLI has no `flagpoll build` yet' };
  try {
    return await realBuild(entry, board);
  } catch (e) {
    const out = (e as { stdout?: string }).stdout ?? (e as Error).message;
    return { ...(await standIn(entry, board)), why: `\`flagpoll build\` refused it: ${out.trim().split('\n').slice(-4).join(' | ')}` };
  }
}

/** One line for a test's diagnostics: which builder made `app`. */
export function builtBy(app: BuiltApp): string {
  return `${app.file}: built by ${app.by}${app.why === undefined ? '' : ` (${app.why})`}`;
}

async function realBuild(entry: string, board: string): Promise<BuiltApp> {
  const out = join(dir, `build${++count}`);
  execFileSync('node', ['bin/flagpoll.js', 'build', entry, '--board', board, '--out', out], { encoding: 'utf8', stdio: 'pipe' });
  const file = join(out, 'app.js');
  const app: BuiltApp = { file, code: readFileSync(file, 'utf8'), by: 'flagpoll build' };
  try {
    app.map = JSON.parse(readFileSync(file + '.map', 'utf8')) as object;
  } catch {
    // no map written: audit sites name app.js lines
  }
  return app;
}

async function standIn(entry: string, board: string): Promise<BuiltApp> {
  const repo = process.cwd();
  const contents = [
    `import firmware from ${JSON.stringify(resolve(entry))};`,
    `import { startEspruino } from ${JSON.stringify(join(repo, 'src/targets/espruino/main.ts'))};`,
    `import board from ${JSON.stringify(join(repo, 'boards', `${board}.json`))};`,
    `startEspruino(board, firmware, 'test');`,
  ].join('\n');
  const file = join(dir, `app${++count}.js`);
  const result = await build({
    stdin: { contents, resolveDir: repo, sourcefile: 'flagpoll-espruino-entry.js', loader: 'js' },
    absWorkingDir: repo,
    bundle: true,
    format: 'iife',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2017',
    sourcemap: 'external',
    write: false,
    outfile: file,
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!;
  const map = result.outputFiles.find((f) => f.path.endsWith('.js.map'))!;
  writeFileSync(file, js.text);
  return { file, code: js.text, map: JSON.parse(map.text) as object, by: 'stand-in' };
}

/** A firmware entry written to the temporary folder; `body` is the module's text (it may import from `api`). */
export function entryFile(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}

/** Absolute import paths for entry files. */
export const api = {
  index: join(process.cwd(), 'src/index.ts'),
  examples: join(process.cwd(), 'examples'),
};
