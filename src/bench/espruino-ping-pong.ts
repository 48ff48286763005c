// A benchmark firmware for Espruino: flagpoll's ping-pong, timed on the
// interpreter itself, against a Promise chain and plain callbacks.
//
//   flagpoll build src/bench/espruino-ping-pong.ts --board espruino-pico --out /tmp/pp
//   ./espruino /tmp/pp/app.js                       (Espruino's Linux build)
//   flagpoll flash /tmp/pp/app.js --board espruino-pico --port /dev/ttyACM0
//
// Three phases of the same number of steps, one after the other, each timed
// with getTime() from its first step to its last (a step: one value handed
// from one side to the other):
//   flagpoll  two tasks ping-ponging through two Signals (as the host's
//             signal-ping-pong.ts does): each step is a signal, a wake and a poll;
//   promise   `Promise.resolve().then(step)`, each step queueing the next;
//   callback  two plain functions calling each other, the ceiling.
// Each prints its steps per second and process.memory().usage before and
// after it, both after a garbage collection, and how much the usage grew
// from its first step to its last without one ("in-phase"). flagpoll must
// grow by 0 in both; the last line is the ratio of the rates.
//
// The default is 1000 steps after a warm-up of 20, small on purpose: a
// phase on a real board must end in seconds and fit its JsVars (figures so
// far come from Espruino's Linux build, not from a Pico). For more, define
// the global first: `(echo 'global.PP_STEPS=20000;'; cat app.js) > big.js`.
// In an emulator getTime() is virtual and does not move during a phase:
// rates print as "-" there.

import { PENDING, Signal } from '../index.ts';
import type { Context, Device, Future, Poll, SignalWait } from '../index.ts';
import { espruinoGlobal } from '../targets/espruino/globals.ts';

const DEFAULT_STEPS = 1000;
/** Steps of each phase run once first, unreported: what a first run makes (a property, a timer slot) is not growth. */
const WARM_UP = 20;
/** Pause between phases, ms: lets the previous phase's timers and callbacks drain first. */
const PAUSE = 20;

/** The part of Espruino's API this benchmark uses beyond flagpoll's own. */
interface BenchGlobals {
  getTime(): number;
  setTimeout(fn: () => void, ms: number): number;
  console: { log(text: string): void };
  process: { memory(gc?: boolean): { usage: number } };
  PP_STEPS?: unknown;
}

/** What one phase measured. */
interface Phase {
  steps: number;
  t0: number;
  t1: number;
  /** process.memory(false).usage at the first and the last step. */
  m0: number;
  m1: number;
}

/**
 * The times start as floats: Espruino stores an integer inside the property
 * itself and a float in a JsVar of its own, so a 0 replaced by getTime()
 * would show in the usage figures as the benchmark's own growth.
 */
function newPhase(steps: number): Phase {
  return { steps, t0: 0.5, t1: 0.5, m0: 0, m1: 0 };
}

/**
 * Task A: on `go`, `phase.steps / 2` round trips: sends `out`, waits for
 * `back`. Both usage figures are read with the same locals in scope (a
 * local is a JsVar too).
 */
class Pinger implements Future<never> {
  private left = 0;
  private sent = false;
  constructor(private readonly g: BenchGlobals, private readonly go: SignalWait<number>, private readonly out: Signal<number>,
    private readonly back: SignalWait<number>, private readonly phase: Phase, private readonly done: () => void) {}
  poll(cx: Context): Poll<never> {
    const p = this.phase;
    for (;;) {
      if (this.left === 0) {
        if (this.go.poll(cx) === PENDING) return PENDING;
        this.left = p.steps / 2;
        p.t0 = this.g.getTime();
        p.m0 = this.g.process.memory(false).usage;
      }
      if (!this.sent) {
        this.out.signal(this.left);
        this.sent = true;
      }
      if (this.back.poll(cx) === PENDING) return PENDING;
      this.sent = false;
      if (--this.left === 0) {
        p.t1 = this.g.getTime();
        p.m1 = this.g.process.memory(false).usage;
        this.done();
      }
    }
  }
}

/** Task B: answers each value on `inbox` on `out`. */
class Ponger implements Future<never> {
  constructor(private readonly inbox: SignalWait<number>, private readonly out: Signal<number>) {}
  poll(cx: Context): Poll<never> {
    for (;;) {
      const v = this.inbox.poll(cx);
      if (v === PENDING) return PENDING;
      this.out.signal(v);
    }
  }
}

/** Steps as Promise.resolve().then(step), each step queueing the next (no chain of promises is kept). */
function promiseChain(g: BenchGlobals, p: Phase, done: () => void): void {
  let left = p.steps;
  const step = (): void => {
    if (left === p.steps) {
      p.t0 = g.getTime();
      p.m0 = g.process.memory(false).usage;
    }
    if (--left > 0) {
      Promise.resolve().then(step);
    } else {
      p.t1 = g.getTime();
      p.m1 = g.process.memory(false).usage;
      done();
    }
  };
  Promise.resolve().then(step);
}

/** Steps as plain calls: onPing hands the value to onPong; `steps` becomes what was delivered. */
function callbacks(g: BenchGlobals, p: Phase, done: () => void): void {
  let delivered = 0;
  const onPong = (): void => {
    delivered++;
  };
  const onPing = (): void => {
    delivered++;
    onPong();
  };
  const rounds = p.steps / 2;
  p.t0 = g.getTime();
  p.m0 = g.process.memory(false).usage;
  for (let i = 0; i < rounds; i++) onPing();
  p.t1 = g.getTime();
  p.m1 = g.process.memory(false).usage;
  p.steps = delivered;
  done();
}

function rate(p: Phase): number {
  return p.t1 > p.t0 ? p.steps / (p.t1 - p.t0) : NaN;
}

function shown(x: number, digits: number): string {
  return x === x ? x.toFixed(digits) : '-';
}

function signed(n: number): string {
  return (n >= 0 ? '+' : '') + n;
}

interface Bench {
  name: string;
  phase: Phase;
  run(p: Phase, done: () => void): void;
}

export default function espruinoPingPong(dev: Device): void {
  const g = espruinoGlobal() as unknown as BenchGlobals;
  const asked = g.PP_STEPS;
  // An even number of steps: a round trip is two.
  const steps = typeof asked === 'number' && asked >= 2 ? Math.ceil(asked / 2) * 2 : DEFAULT_STEPS;

  // Everything the phases keep is made here, before the first usage figure.
  const go = new Signal<number>();
  const ping = new Signal<number>();
  const pong = new Signal<number>();
  const benches: Bench[] = [
    { name: 'flagpoll', phase: newPhase(WARM_UP), run: () => go.signal(1) },
    { name: 'promise', phase: newPhase(WARM_UP), run: (p, done) => promiseChain(g, p, done) },
    { name: 'callback', phase: newPhase(WARM_UP), run: (p, done) => callbacks(g, p, done) },
  ];
  const done = (): void => void g.setTimeout(report, PAUSE);
  dev.rt.spawn(new Ponger(ping.wait(), pong), 'pong');
  dev.rt.spawn(new Pinger(g, go.wait(), ping, pong.wait(), benches[0]!.phase, done), 'ping');

  let warm = true;
  let i = 0;
  // Read first thing in `next` and in `report`, before any local exists.
  let before = 0;
  let after = 0;
  const report = (): void => {
    after = g.process.memory().usage;
    const b = benches[i]!;
    const p = b.phase;
    if (!warm) {
      g.console.log(`${b.name} ${p.steps} steps in ${shown(p.t1 - p.t0, 4)} s: ${shown(rate(p), 0)} steps/s; ` +
        `usage ${before} -> ${after} (${signed(after - before)}), in-phase ${signed(p.m1 - p.m0)}`);
    }
    i++;
    g.setTimeout(next, PAUSE);
  };
  const next = (): void => {
    if (i === benches.length) {
      if (!warm) return void g.console.log(`ratio flagpoll/promise ${shown(rate(benches[0]!.phase) / rate(benches[1]!.phase), 2)}, ` +
        `flagpoll/callback ${shown(rate(benches[0]!.phase) / rate(benches[2]!.phase), 3)}`);
      warm = false;
      i = 0;
      for (const b of benches) b.phase.steps = steps;
    }
    before = g.process.memory().usage;
    benches[i]!.run(benches[i]!.phase, done);
  };
  g.console.log(`ping-pong: ${steps} steps per phase, after a warm-up of ${WARM_UP} (set PP_STEPS for more)`);
  g.setTimeout(next, PAUSE);
}
