// `flagpoll bench --lua`: flagpoll's Signal ping-pong compiled to Lua against
// the same ping-pong written by hand as Lua coroutines, on lua5.1 and lua5.3.
//
// lua-ping-pong.ts is compiled once per Lua version (src/build/lua.ts, as
// firmware is) and coroutine-ping-pong.lua runs as it is. For each version one
// interpreter loads both programs and runs them in turn, trial after trial
// (which one goes first alternates), so a load that comes and goes on the
// machine hits both alike; each figure is the median of its trials, and the
// ratio the median of each trial's flagpoll/coroutines. Each run
// of a program starts afresh (its own executor or coroutines), times itself
// with os.clock and counts what its steady state allocates with the
// collector stopped (collectgarbage "count"); bytes per wake is the largest
// such growth seen over the trials.

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
  /** flagpoll / coroutines, the median of the trials' ratios: the goal is at least 1. */
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

/** `text` as a Lua long string literal. */
function longString(text: string): string {
  let eq = '';
  while (text.includes(']' + eq + ']')) eq += '=';
  return `[${eq}[\n${text}]${eq}]`;
}

/** One chunk that loads both programs and runs them `trials` times each, alternating which goes first. */
function driver(flagpoll: string, coroutines: string, trials: number): string {
  return [
    'local load = loadstring or load',
    `local fp = assert(load(${longString(flagpoll)}, '=flagpoll'))`,
    `local co = assert(load(${longString(coroutines)}, '=coroutines'))`,
    `for t = 1, ${trials} do`,
    '  if t % 2 == 1 then fp() co() else co() fp() end',
    'end',
  ].join('\n');
}

function runs(out: string, name: string): LuaRun[] {
  return out.split('\n').filter((l) => l.startsWith(name + ' ')).map((l) => parseLuaRun(l, name));
}

export function runLuaBench(o: LuaBenchOptions = {}): LuaBenchResult {
  const trials = o.trials ?? 7;
  const wakes = o.wakes ?? 200_000;
  const prefix = `FLAGPOLL_ROUND_TRIPS = ${Math.max(1, Math.round(wakes / 2))}\n`;
  let timed = 0;
  const rows = LUA_VERSIONS.map((version): LuaBenchRow => {
    const out = runLua(prefix + driver(flagpollPingPong(version), coroutinePingPong(), trials), version);
    const fp = runs(out, 'flagpoll');
    const co = runs(out, 'coroutines');
    if (fp.length !== trials || co.length !== trials) throw new Error(`bench --lua: expected ${trials} runs of each program on Lua ${version}, got:\n${out}`);
    timed = fp[0]!.wakes;
    // The ratio of each trial's two runs, which ran side by side, then the median of those.
    const ratio = median(fp.map((r, t) => r.wakesPerSecond / co[t]!.wakesPerSecond));
    return {
      lua: version,
      flagpoll_wakes_per_s: Math.round(median(fp.map((r) => r.wakesPerSecond))),
      coroutine_wakes_per_s: Math.round(median(co.map((r) => r.wakesPerSecond))),
      flagpoll_vs_coroutines: Math.round(ratio * 100) / 100,
      flagpoll_bytes_per_wake: bytesPerWake(fp),
      coroutine_bytes_per_wake: bytesPerWake(co),
    };
  });
  return { rows, trials, wakes: timed };
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
