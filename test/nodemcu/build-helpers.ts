// Shared by the NodeMCU build tests: builds of the examples made once per
// process, luac/lua runs of what they wrote, and the skip rule of the Lua
// tests (test/lua/helpers.ts: skip without Lua outside CI, fail in CI).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBoard } from '../../src/boards/load.ts';
import type { LuaVersion } from '../../src/build/lua.ts';
import { buildNodeMcu } from '../../src/build/nodemcu.ts';
import type { NodeMcuBuild, NodeMcuBuildOptions } from '../../src/build/nodemcu.ts';

export const NODEMCU_BOARDS = ['nodemcu-esp8266', 'nodemcu-esp32'] as const;
export const EXAMPLES = ['blink', 'button', 'uart-echo', 'multitask'] as const;

export const out = mkdtempSync(join(tmpdir(), 'flagpoll-nodemcu-build-'));
process.on('exit', () => rmSync(out, { recursive: true, force: true }));

const builds = new Map<string, Promise<NodeMcuBuild>>();

/** examples/<name>.ts built for `boardId` into <out>/<board>-<name>/init.lua (once per process per options). */
export function buildExample(name: string, boardId: string, options: NodeMcuBuildOptions = {}): Promise<NodeMcuBuild> {
  const key = `${name} ${boardId} ${JSON.stringify(options)}`;
  let b = builds.get(key);
  if (b === undefined) {
    b = buildNodeMcu(`examples/${name}.ts`, loadBoard(boardId), { out: join(out, `${boardId}-${name}`), ...options });
    builds.set(key, b);
  }
  return b;
}

/** `luac5.x -p` on a file: parses it without running it. Answers stderr, '' when it parses. */
export function luacParse(file: string, version: LuaVersion): string {
  const r = spawnSync(version === '5.1' ? 'luac5.1' : 'luac5.3', ['-p', file], { encoding: 'utf8' });
  if (r.error !== undefined) throw r.error;
  return r.status === 0 ? '' : r.stderr;
}
