// Allocation and speed of Signal ping-pong on Lua, measured inside Lua: the
// flagpoll side of `flagpoll bench --lua` (src/bench/lua.ts) and of the Lua
// allocation test (test/lua/allocation.test.ts).
//
// Two tasks bounce a number through two Signals; each delivery is one wake
// and one poll. With the collector stopped, `collectgarbage("count")` before
// and after the timed wakes shows what the steady state allocates (it must be
// nothing). With the global FLAGPOLL_CHECK_ALLOCATING set, the same run
// follows with a Ponger that makes a table per wake: the check of the check,
// where the count must grow. FLAGPOLL_ROUND_TRIPS (default 50,000) sets the
// round trips, two wakes each. Prints one line per run: `<run> wakes=<n>
// before=<KB> after=<KB> seconds=<os.clock delta> wakesPerSecond=<n>`.
// Lua only (collectgarbage, os.clock); compiled by src/build/lua.ts.

import { Executor } from '../core/executor.ts';
import { PENDING } from '../core/poll.ts';
import type { Future, Poll } from '../core/poll.ts';
import type { Context } from '../core/waker.ts';
import { Signal } from '../sync/signal.ts';
import type { SignalWait } from '../sync/signal.ts';
import { HostPlatform } from '../targets/host/platform.ts';

declare function collectgarbage(this: void, opt: 'stop' | 'restart' | 'collect' | 'count'): number;
declare const os: { clock(this: void): number };
declare const FLAGPOLL_ROUND_TRIPS: number | undefined;
declare const FLAGPOLL_CHECK_ALLOCATING: boolean | undefined;

/** A round trip is two wakes, ping to the Ponger and pong to the Pinger. */
const ROUND_TRIPS = FLAGPOLL_ROUND_TRIPS ?? 50000;

/** Signals `ping` and waits for `pong` while `left` round trips remain. */
class Pinger implements Future<never> {
  left = 0;
  private sent = false;
  private readonly wait: SignalWait<number>;
  constructor(private readonly ping: Signal<number>, pong: Signal<number>) {
    this.wait = pong.wait();
  }
  poll(cx: Context): Poll<never> {
    for (;;) {
      if (!this.sent) {
        if (this.left <= 0) return PENDING;
        this.left--;
        this.ping.signal(this.left);
        this.sent = true;
      }
      if (this.wait.poll(cx) === PENDING) return PENDING;
      this.sent = false;
    }
  }
}

/** Answers each ping with a pong; with `leak`, keeps a new table per wake (the allocating variant). */
class Ponger implements Future<never> {
  wakes = 0;
  last: { v: number } | null = null;
  private readonly wait: SignalWait<number>;
  constructor(ping: Signal<number>, private readonly pong: Signal<number>, private readonly leak: boolean) {
    this.wait = ping.wait();
  }
  poll(cx: Context): Poll<never> {
    for (;;) {
      const v = this.wait.poll(cx);
      if (v === PENDING) return PENDING;
      this.wakes++;
      if (this.leak) this.last = { v };
      this.pong.signal(v);
    }
  }
}

function measure(name: string, leak: boolean): void {
  const p = new HostPlatform(false);
  const ex = new Executor(2, p);
  const ping = new Signal<number>(2);
  const pong = new Signal<number>(2);
  const ponger = new Ponger(ping, pong, leak);
  const pinger = new Pinger(ping, pong);
  ex.spawn(ponger, 'pong');
  ex.spawn(pinger, 'ping');
  // Warm up after the collection (a full collection shrinks Lua's call stack,
  // which then grows again once): the count then sees only the steady state.
  collectgarbage('collect');
  collectgarbage('stop');
  pinger.left = 100;
  ex.wakers[1]!.wake();
  ex.runUntilIdle();
  const before = collectgarbage('count');
  const t0 = os.clock();
  pinger.left = ROUND_TRIPS;
  ex.wakers[1]!.wake();
  ex.runUntilIdle();
  const t1 = os.clock();
  const after = collectgarbage('count');
  collectgarbage('restart');
  const wakes = (ponger.wakes - 100) * 2;
  const perSecond = Math.floor(wakes / (t1 - t0));
  console.log(name + ' wakes=' + wakes + ' before=' + before + ' after=' + after + ' seconds=' + (t1 - t0) + ' wakesPerSecond=' + perSecond);
}

measure('flagpoll', false);
if (FLAGPOLL_CHECK_ALLOCATING === true) measure('allocating', true);
