// `flagpoll bench --lua`: flagpoll's Signal ping-pong compiled to Lua against
// the same ping-pong written by hand as Lua coroutines, on lua5.1 and lua5.3.
//
// lua-ping-pong.ts is compiled once per Lua version (src/build/lua.ts, as
// firmware is) and coroutine-ping-pong.lua runs as it is. Each trial runs the
// four programs one after another in fresh interpreters, so a load that comes
// and goes on the machine hits all of them alike; each figure is the median
// of its trials. Each program times itself with os.clock and counts what its
// steady state allocates with the collector stopped (collectgarbage "count");
// bytes per wake is the largest such growth seen over the trials.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LUA_VERSIONS, compileLua, runLua } from '../build/lua.ts';
import type { LuaVersion } from '../build/lua.ts';

export interface LuaRun {
  wakes: number;
  /** collectgarbage("count") in KB before and after the timed wakes, the collector stopped. */
  before: number;
  after: number;
  wakesPerSecond: number;
}

export interface LuaBenchRow {
  lua: LuaVersion;
  flagpoll_wakes_per_s: number;
  coroutine_wakes_per_s: number;
  /** flagpoll / coroutines: the goal is at least 1. */
  flagpoll_vs_coroutines: number;
  flagpoll_bytes_per_wake: number;
  coroutine_bytes_per_wake: number;
}

export interface LuaBenchResult {
  rows: LuaBenchRow[];
  trials: number;
  /** Timed wakes per program run. */
  wakes: number;
}

export interface LuaBenchOptions {
  trials?: number;
  wakes?: number;
}

const FLAGPOLL = fileURLToPath(new URL('./lua-ping-pong.ts', import.meta.url));
const COROUTINES = fileURLToPath(new URL('./coroutine-ping-pong.lua', import.meta.url));

/** The programs print with console.log; NodeMCU and plain Lua have `print`. */
const CONSOLE = 'console = { log = function(_, s) print(s) end }\n';

/** The line `<name> wakes=.. before=.. after=.. seconds=.. wakesPerSecond=..` of a program's output. */
export function parseLuaRun(out: string, name: string): LuaRun {
  const m = new RegExp(`^${name} wakes=(\\d+) before=([\\d.]+) after=([\\d.]+) seconds=\\S+ wakesPerSecond=(\\d+)$`, 'm').exec(out);
  if (m === null) throw new Error(`bench --lua: no "${name}" line in the program's output:\n${out}`);
  return { wakes: Number(m[1]), before: Number(m[2]), after: Number(m[3]), wakesPerSecond: Number(m[4]) };
}

const compiled = new Map<LuaVersion, string>();

/** The flagpoll program compiled for `version` (once per process: compiling takes seconds), with a console. */
export function flagpollPingPong(version: LuaVersion): string {
  let chunk = compiled.get(version);
  if (chunk === undefined) compiled.set(version, (chunk = CONSOLE + compileLua(FLAGPOLL, version)));
  return chunk;
}

/** The hand-written coroutine program. */
export function coroutinePingPong(): string {
  return readFileSync(COROUTINES, 'utf8');
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function bytesPerWake(runs: LuaRun[]): number {
  return Math.max(...runs.map((r) => ((r.after - r.before) * 1024) / r.wakes));
}

export function runLuaBench(o: LuaBenchOptions = {}): LuaBenchResult {
  const trials = o.trials ?? 7;
  const wakes = o.wakes ?? 200_000;
  const prefix = `FLAGPOLL_ROUND_TRIPS = ${Math.max(1, Math.round(wakes / 2))}\n`;
  const programs = LUA_VERSIONS.map((version) => ({
    version,
    flagpoll: prefix + flagpollPingPong(version),
    coroutines: prefix + coroutinePingPong(),
    fp: [] as LuaRun[],
    co: [] as LuaRun[],
  }));
  for (let t = 0; t < trials; t++) {
    for (const p of programs) {
      p.fp.push(parseLuaRun(runLua(p.flagpoll, p.version), 'flagpoll'));
      p.co.push(parseLuaRun(runLua(p.coroutines, p.version), 'coroutines'));
    }
  }
  const rows = programs.map((p): LuaBenchRow => {
    const f = median(p.fp.map((r) => r.wakesPerSecond));
    const c = median(p.co.map((r) => r.wakesPerSecond));
    return {
      lua: p.version,
      flagpoll_wakes_per_s: Math.round(f),
      coroutine_wakes_per_s: Math.round(c),
      flagpoll_vs_coroutines: Math.round((f / c) * 100) / 100,
      flagpoll_bytes_per_wake: bytesPerWake(p.fp),
      coroutine_bytes_per_wake: bytesPerWake(p.co),
    };
  });
  return { rows, trials, wakes: programs[0]!.fp[0]!.wakes };
}

function millions(x: number): string {
  return (x / 1e6).toFixed(2).padStart(6) + ' M/s';
}

export function formatLuaBench(r: LuaBenchResult): string {
  return [
    `Signal ping-pong compiled to Lua against hand-written coroutines, ${r.wakes} wakes, median of ${r.trials} interleaved trials`,
    '',
    '  lua      flagpoll     coroutines   flagpoll/coroutines   bytes allocated per wake (flagpoll, coroutines)',
    ...r.rows.map((row) => `  lua${row.lua}  ${millions(row.flagpoll_wakes_per_s)}   ${millions(row.coroutine_wakes_per_s)}   ` +
      `${row.flagpoll_vs_coroutines.toFixed(2).padStart(19)}   ${row.flagpoll_bytes_per_wake}, ${row.coroutine_bytes_per_wake}`),
  ].join('\n');
}
