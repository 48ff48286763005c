// The size report of a NodeMCU build: init.lua's bytes, its stripped
// bytecode where `luac5.1`/`luac5.3` is installed, and the runtime's share,
// against the board's Lua heap.
//
// NodeMCU compiles init.lua on the chip when it boots; the functions it makes
// (instructions, constants, prototypes) stay in the heap for as long as the
// firmware runs, and stripped bytecode (`luac -s`) is the closest measure of
// them a PC can give. So the budget is checked on the bytecode, and on the
// source, which is larger, when no luac is there to measure. The runtime's
// share is the same build with an empty firmware: what any firmware pays.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { displayPath } from '../boards/board-error.ts';
import type { LuaVersion } from './lua.ts';

export interface LuaSizeReport {
  target: 'nodemcu';
  board: string;
  lua: LuaVersion;
  build_id: string;
  /** Files written (or that would be), with their sizes. */
  files: { path: string; bytes: number }[];
  /** Bytes of init.lua. */
  bytes: number;
  /** Bytes of init.lua compiled by `luac -s` for the board's Lua; null without luac. */
  bytecode_bytes: number | null;
  /** The board's luaHeapBytes. */
  budget_bytes: number;
  /** What the budget was checked on. */
  budget_measure: 'bytecode' | 'source';
  /** The same build with an empty firmware: source and bytecode bytes. */
  runtime_bytes: number;
  runtime_bytecode_bytes: number | null;
  /** runtime / whole, on bytecode when measured. */
  runtime_share: number;
}

const LUAC: Record<LuaVersion, string> = { '5.1': 'luac5.1', '5.3': 'luac5.3' };

/** Stripped bytecode bytes of `code` for Lua `version`, or null when its luac is not installed. Throws when luac rejects the code. */
export function bytecodeBytes(code: string, version: LuaVersion): number | null {
  const dir = mkdtempSync(path.join(tmpdir(), 'flagpoll-luac-'));
  try {
    const src = path.join(dir, 'init.lua');
    const out = path.join(dir, 'init.lc');
    writeFileSync(src, code);
    const r = spawnSync(LUAC[version], ['-s', '-o', out, src], { encoding: 'utf8' });
    if (r.error !== undefined) return null;
    if (r.status !== 0) throw new Error(`${LUAC[version]} refused the built init.lua: ${r.stderr.trim()}`);
    return readFileSync(out).length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const n = (x: number) => x.toLocaleString('en-US');
const pct = (x: number, of: number) => `${Math.round((x / of) * 100)}%`;

export function formatLuaSizeReport(r: LuaSizeReport, entry: string): string {
  const measured = r.budget_measure === 'bytecode' ? r.bytecode_bytes! : r.bytes;
  const lines = [
    `built ${displayPath(entry)} for ${r.board} (nodemcu, Lua ${r.lua}), build ${r.build_id}`,
    `  init.lua  ${n(r.bytes)} bytes of source; runtime ${n(r.runtime_bytes)} (the same build with an empty firmware)`,
    r.bytecode_bytes === null
      ? `  bytecode  not measured: ${LUAC[r.lua]} is not installed (apt-get install ${LUAC[r.lua].replace('luac', 'lua')})`
      : `  bytecode  ${n(r.bytecode_bytes)} bytes stripped (${LUAC[r.lua]} -s); runtime ${n(r.runtime_bytecode_bytes!)}, ${(r.runtime_share * 100).toFixed(1)}% of it`,
    `  heap      ${n(measured)} of ${n(r.budget_bytes)} bytes of Lua heap (${pct(measured, r.budget_bytes)}), on the ${r.budget_measure}`,
  ];
  for (const f of r.files) lines.push(`  wrote     ${displayPath(f.path)} (${n(f.bytes)} bytes)`);
  return lines.join('\n');
}
