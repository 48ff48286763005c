// `flagpoll bench`: flagpoll against Promises and plain callbacks, in one run.
//
// Each workload is the same ping-pong (see signal-ping-pong.ts and
// baselines.ts). Trials of the three are interleaved, so a load that comes
// and goes on the machine hits all of them alike; each figure is the median
// of its trials. Allocations per wake are counted by the allocation audit on
// the same ping-pong, not estimated. Emulated interrupts per second (irq.ts)
// time the reactor's path from a pin edge to the task that sees it.

import { fileURLToPath } from 'node:url';
import { auditEntry } from '../audit/run.ts';
import { callbackPingPong, promisePingPong } from './baselines.ts';
import { makeIrqBench, timeIrqs } from './irq.ts';
import { makeSignalPingPong } from './signal-ping-pong.ts';
import type { PingPong } from './signal-ping-pong.ts';

export interface BenchResult {
  flagpoll_wakes_per_s: number;
  promise_wakes_per_s: number;
  callback_wakes_per_s: number;
  /** flagpoll / promise. */
  flagpoll_vs_promise: number;
  /** flagpoll / callback: how close to the ceiling. */
  flagpoll_vs_callback: number;
  flagpoll_allocs_per_wake: number;
  scale: { tasks: number; wakes_per_s: number }[];
  /** 256-task figure over the 8-task one. */
  scale_256_vs_8: number;
  /** GPIO interrupts injected into the simulated board and seen by a task, per second (every one seen, checked). */
  emulated_irqs_per_s: number;
  trials: number;
  node: string;
}

export interface BenchOptions {
  trials?: number;
  /** Wakes per trial. */
  wakes?: number;
  /** Emulated interrupts per trial (default: `wakes`). */
  irqs?: number;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function timeFlagpoll(pp: PingPong, pairs: number, wakes: number): number {
  const rounds = Math.max(1, Math.round(wakes / 2 / pairs));
  const t0 = process.hrtime.bigint();
  const done = pp.run(rounds);
  return done / seconds(t0);
}

async function timePromise(wakes: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  const done = await promisePingPong(1, Math.round(wakes / 2));
  return done / seconds(t0);
}

function timeCallback(wakes: number): number {
  const t0 = process.hrtime.bigint();
  const done = callbackPingPong(1, Math.round(wakes / 2));
  return done / seconds(t0);
}

/** Allocations per wake of the flagpoll ping-pong, counted by the audit over `wakes` wakes after warm-up. */
export async function measureAllocsPerWake(wakes = 100_000): Promise<number> {
  const entry = fileURLToPath(new URL('./signal-ping-pong.ts', import.meta.url));
  const prog = await auditEntry<{ makeSignalPingPong: typeof makeSignalPingPong }>(entry);
  const pp = prog.exports.makeSignalPingPong(1);
  pp.run(100);
  prog.reset();
  const done = pp.run(wakes / 2);
  return prog.counts() / done;
}

export async function runBench(o: BenchOptions = {}): Promise<BenchResult> {
  const trials = o.trials ?? 7;
  const wakes = o.wakes ?? 1_000_000;
  const one = makeSignalPingPong(1);
  const sizes = [8, 64, 256];
  const pools = sizes.map((tasks) => makeSignalPingPong(tasks / 2));
  const irqs = o.irqs ?? wakes;
  const irq = makeIrqBench();
  // Warm-up: let the JIT settle on every path before timing.
  timeFlagpoll(one, 1, wakes / 4);
  await timePromise(wakes / 4);
  timeCallback(wakes / 4);
  pools.forEach((pp, i) => timeFlagpoll(pp, sizes[i]! / 2, wakes / 4));
  timeIrqs(irq, Math.max(1, Math.round(irqs / 4)));

  const fp: number[] = [];
  const pr: number[] = [];
  const cb: number[] = [];
  const sc: number[][] = sizes.map(() => []);
  const ir: number[] = [];
  for (let t = 0; t < trials; t++) {
    fp.push(timeFlagpoll(one, 1, wakes));
    pr.push(await timePromise(wakes));
    cb.push(timeCallback(wakes * 4));
    pools.forEach((pp, i) => sc[i]!.push(timeFlagpoll(pp, sizes[i]! / 2, wakes)));
    ir.push(timeIrqs(irq, irqs));
  }
  const scale = sizes.map((tasks, i) => ({ tasks, wakes_per_s: Math.round(median(sc[i]!)) }));
  const f = median(fp);
  const p = median(pr);
  const c = median(cb);
  return {
    flagpoll_wakes_per_s: Math.round(f),
    promise_wakes_per_s: Math.round(p),
    callback_wakes_per_s: Math.round(c),
    flagpoll_vs_promise: round2(f / p),
    flagpoll_vs_callback: round2(f / c),
    flagpoll_allocs_per_wake: await measureAllocsPerWake(),
    scale,
    scale_256_vs_8: round2(scale[2]!.wakes_per_s / scale[0]!.wakes_per_s),
    emulated_irqs_per_s: Math.round(median(ir)),
    trials,
    node: process.version,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function millions(x: number): string {
  return (x / 1e6).toFixed(1).padStart(7) + ' M/s';
}

export function formatBench(r: BenchResult): string {
  const lines = [
    `ping-pong through a Signal, median of ${r.trials} interleaved trials (node ${r.node})`,
    '',
    `  flagpoll          ${millions(r.flagpoll_wakes_per_s)}   ${r.flagpoll_vs_promise}x Promises, ${r.flagpoll_vs_callback}x callbacks`,
    `  async/await       ${millions(r.promise_wakes_per_s)}`,
    `  plain callbacks   ${millions(r.callback_wakes_per_s)}   (the ceiling)`,
    '',
    `  allocations per wake: ${r.flagpoll_allocs_per_wake} (counted by the allocation audit)`,
    '',
    '  tasks   wakes/s',
    ...r.scale.map((s) => `  ${String(s.tasks).padStart(5)}   ${millions(s.wakes_per_s)}`),
    `  256 tasks run at ${r.scale_256_vs_8}x the speed of 8`,
    '',
    `  emulated interrupts ${millions(r.emulated_irqs_per_s)}   (pin edge on the simulated board to the task that sees it; every one seen)`,
  ];
  return lines.join('\n');
}
