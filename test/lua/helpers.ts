// Running a test program on the host and on Lua, for the Lua tests.
//
// A program under test/lua/programs prints what it observed with
// console.log. On the host it runs under tsx; for Lua it is compiled by
// src/build/lua.ts and given a `console.log` that prints; compiled Lua is
// kept in the test build cache (build-cache.ts), so a program is compiled
// once per Lua version until a source it depends on changes. Missing Lua
// interpreters fail the tests with what to install (CI installs them).

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLua, compileLua, runLua } from '../../src/build/lua.ts';
import type { LuaVersion } from '../../src/build/lua.ts';
import { buildKey, cached } from './build-cache.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** NodeMCU has `print`; the programs write with console.log. */
const CONSOLE = 'console = { log = function(_, s) print(s) end }\n';

export function program(name: string): string {
  return path.join(HERE, 'programs', name);
}

/** The program's output on the host (Node and tsx, as the other tests). */
export function runOnHost(file: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8' });
}

/** `file` compiled for `version` by compileLua, from the test build cache when nothing it depends on changed. */
export function luaOf(file: string, version: LuaVersion): string {
  return cached(buildKey(file, { build: 'compileLua', lua: version }), () => ({ code: compileLua(file, version) })).code;
}

/** The program compiled for `version`, with its console. */
export function compiledLua(file: string, version: LuaVersion): string {
  return CONSOLE + luaOf(file, version);
}

/** The program's output compiled to Lua and run on `lua5.1` / `lua5.3`. */
export function runOnLua(file: string, version: LuaVersion): string {
  return runLua(compiledLua(file, version), version);
}

/**
 * Skip reason for a Lua test when the interpreter is missing on a developer's
 * machine (so `npm install && npm test` passes without Debian packages), or
 * undefined to run it. Under CI (CI set) it never skips: .ci/run installs Lua,
 * and a missing interpreter fails the test with checkLua's message.
 */
export function skipWithoutLua(version: LuaVersion): string | undefined {
  if (process.env.CI) return undefined;
  try {
    checkLua(version);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
