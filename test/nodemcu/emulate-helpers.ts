// Built NodeMCU firmware for the emulator tests: an init.lua per entry and board.
//
// The real `flagpoll build --board <nodemcu board>` is used when it makes an
// init.lua; until it does (or when FLAGPOLL_TEST_BUILD=standin), a stand-in
// compiles what the build compiles: the firmware and startNodeMCU(board,
// firmware, buildId) (src/targets/nodemcu/main.ts) with the board file
// inlined, through src/build/lua.ts. FLAGPOLL_TEST_BUILD=real allows only the
// real build. `by` and `why` say which made it; the tests print them.
// Builds are cached per entry and board; files go to a temporary folder
// (the stand-in's entries under the repository's ignored .flagpoll/, since
// typescript-to-lua compiles only what lies under the repository root).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileLua } from '../../src/build/lua.ts';

const out = mkdtempSync(path.join(tmpdir(), 'flagpoll-nodemcu-build-'));
mkdirSync('.flagpoll', { recursive: true });
const entries = mkdtempSync(path.join('.flagpoll', 'nodemcu-standin-'));
process.on('exit', () => {
  rmSync(out, { recursive: true, force: true });
  rmSync(entries, { recursive: true, force: true });
});

export interface BuiltLua {
  /** Path of init.lua. */
  file: string;
  by: 'flagpoll build' | 'stand-in';
  why?: string;
}

const cache = new Map<string, BuiltLua>();

/** init.lua for firmware entry `entry` on NodeMCU board `board`. */
export function buildInitLua(entry: string, board: string): BuiltLua {
  const key = `${path.resolve(entry)}@${board}`;
  let built = cache.get(key);
  if (built === undefined) {
    built = choose(entry, board, `${path.basename(entry, '.ts')}-${board}`);
    cache.set(key, built);
  }
  return built;
}

function choose(entry: string, board: string, name: string): BuiltLua {
  const mode = process.env.FLAGPOLL_TEST_BUILD;
  if (mode === 'standin') return { ...standIn(entry, board, name), why: 'FLAGPOLL_TEST_BUILD=standin' };
  const dir = path.join(out, name);
  const r = spawnSync(process.execPath, ['bin/flagpoll.js', 'build', entry, '--board', board, '--out', dir], { encoding: 'utf8' });
  const file = path.join(dir, 'init.lua');
  if (r.status === 0 && existsSync(file)) return { file, by: 'flagpoll build' };
  const why = `flagpoll build did not make an init.lua: ${(r.stderr || r.stdout).trim().split('\n')[0]}`;
  if (mode === 'real') throw new Error(why);
  return { ...standIn(entry, board, name), why };
}

function standIn(entry: string, board: string, name: string): BuiltLua {
  const lua = JSON.parse(readFileSync(`boards/${board}.json`, 'utf8')) as { lua: '5.1' | '5.3' };
  const rel = (p: string) => JSON.stringify(path.relative(entries, path.resolve(p)));
  const ts = path.join(entries, `${name}.ts`);
  writeFileSync(ts, `import { startNodeMCU } from ${rel('src/targets/nodemcu/main.ts')};\nimport firmware from ${rel(entry)};\n` +
    `startNodeMCU(${readFileSync(`boards/${board}.json`, 'utf8').trim()} as never, firmware, ${JSON.stringify(name)});\n`);
  const file = path.join(out, `${name}.lua`);
  writeFileSync(file, compileLua(ts, lua.lua));
  return { file, by: 'stand-in' };
}
