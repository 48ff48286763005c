// Shared by the NodeMCU build and emulator tests: the examples built by
// `flagpoll build`'s API (buildNodeMcu) once per example and board, kept in
// the test build cache (test/lua/build-cache.ts) across test files and runs;
// luac runs of what they wrote.
//
// Every build is held to its board's Lua heap, as `flagpoll build` holds it.
// Every test asks for the same build of an example on a board, so
// build-examples and emulate-examples share it.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBoard } from '../../src/boards/load.ts';
import type { LuaVersion } from '../../src/build/lua.ts';
import { buildNodeMcu } from '../../src/build/nodemcu.ts';
import type { NodeMcuBuild } from '../../src/build/nodemcu.ts';
import { buildKey, cachedAsync } from '../lua/build-cache.ts';

export const NODEMCU_BOARDS = ['nodemcu-esp8266', 'nodemcu-esp32'] as const;
export const EXAMPLES = ['blink', 'button', 'uart-echo', 'multitask'] as const;

export const out = mkdtempSync(join(tmpdir(), 'flagpoll-nodemcu-build-'));
process.on('exit', () => rmSync(out, { recursive: true, force: true }));

const builds = new Map<string, Promise<NodeMcuBuild>>();

/** `entry` built for `boardId` and written to <out>/<board>-<n>/init.lua: from the cache when nothing it depends on changed. */
export function buildFirmware(entry: string, boardId: string): Promise<NodeMcuBuild> {
  const key = `${entry} ${boardId}`;
  let b = builds.get(key);
  if (b === undefined) {
    b = build(entry, boardId, join(out, `${boardId}-${builds.size}`));
    builds.set(key, b);
  }
  return b;
}

/** examples/<name>.ts built for `boardId` (see buildFirmware). */
export function buildExample(name: string, boardId: string): Promise<NodeMcuBuild> {
  return buildFirmware(`examples/${name}.ts`, boardId);
}

async function build(entry: string, boardId: string, dir: string): Promise<NodeMcuBuild> {
  const board = loadBoard(boardId);
  const key = buildKey(entry, { build: 'nodemcu', board });
  const { code, buildId, report } = await cachedAsync(key, async () => {
    const b = await buildNodeMcu(entry, board);
    return { code: b.code, buildId: b.buildId, report: b.report };
  });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'init.lua');
  writeFileSync(file, code);
  return { code, buildId, report: { ...report, files: [{ path: file, bytes: report.bytes }] }, written: [file] };
}

/** `luac5.x -p` on a file: parses it without running it. Answers stderr, '' when it parses. */
export function luacParse(file: string, version: LuaVersion): string {
  const r = spawnSync(version === '5.1' ? 'luac5.1' : 'luac5.3', ['-p', file], { encoding: 'utf8' });
  if (r.error !== undefined) throw r.error;
  return r.status === 0 ? '' : r.stderr;
}
