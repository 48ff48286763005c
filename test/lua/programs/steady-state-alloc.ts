// Allocation (and speed) of the runtime's steady state on Lua, measured inside Lua.
//
// Five workloads, each driven through 100,000 wakes after a warm-up: Signal
// ping-pong, a Channel with back-pressure, timers (a ticker and a sleep on
// the host platform's virtual clock), GPIO events (PinSource.edge, a task
// awaiting rising edges) and UART events (UartPort.receive, a task reading
// lines). With the collector stopped, `collectgarbage("count")` before and
// after the steady phase shows what it allocated: it must be nothing.
//
// The check of the check: every task calls `woke()` once per poll (each poll
// follows one wake). In the allocating run `woke()` keeps a new table, one
// allocation on the hot path of every wake, and the count must grow.
//
// Prints one line per run: `<workload> <steady|allocating> wakes=<n>
// before=<KB> after=<KB> seconds=<os.clock delta> wakesPerSecond=<n>`.
// Lua only (collectgarbage, os.clock); compiled by src/build/lua.ts.

import { Executor } from '../../../src/core/executor.ts';
import { PENDING } from '../../../src/core/poll.ts';
import type { Future, Poll } from '../../../src/core/poll.ts';
import type { Context } from '../../../src/core/waker.ts';
import { Reactor } from '../../../src/reactor/reactor.ts';
import { addPin } from '../../../src/reactor/pin-source.ts';
import { addUart } from '../../../src/reactor/uart-port.ts';
import { sleep } from '../../../src/time/sleep.ts';
import { ticker } from '../../../src/time/ticker.ts';
import { Channel } from '../../../src/sync/channel.ts';
import type { Recv, Send } from '../../../src/sync/channel.ts';
import { Signal } from '../../../src/sync/signal.ts';
import type { SignalWait } from '../../../src/sync/signal.ts';
import { Host, HostPlatform } from '../../../src/targets/host/platform.ts';

declare function collectgarbage(this: void, opt: 'stop' | 'restart' | 'collect' | 'count'): number;
declare const os: { clock(this: void): number };

const WAKES = 100000;
const WARM_UP = 1000;

let wakes = 0;
let leaking = false;
/** Where the allocating run keeps its table per wake (so it is not garbage the count could miss). */
export let kept: { wake: number } | null = null;

/** Called by every task at every poll: counts the wake; in the allocating run, allocates. */
function woke(): void {
  wakes++;
  if (leaking) kept = { wake: wakes };
}

/** A task that takes every value `inner` has ready, then waits for the next. */
class Drain<T> implements Future<never> {
  ready = 0;
  constructor(private readonly inner: Future<T>) {}
  poll(cx: Context): Poll<never> {
    woke();
    while (this.inner.poll(cx) !== PENDING) this.ready++;
    return PENDING;
  }
}

/** Signals `ping` and waits for `pong` while `left` round trips remain. */
class Pinger implements Future<never> {
  left = 0;
  private sent = false;
  private readonly wait: SignalWait<number>;
  constructor(private readonly ping: Signal<number>, pong: Signal<number>) {
    this.wait = pong.wait();
  }
  poll(cx: Context): Poll<never> {
    woke();
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

/** Answers each ping with a pong. */
class Ponger implements Future<never> {
  private readonly wait: SignalWait<number>;
  constructor(ping: Signal<number>, private readonly pong: Signal<number>) {
    this.wait = ping.wait();
  }
  poll(cx: Context): Poll<never> {
    woke();
    for (;;) {
      const v = this.wait.poll(cx);
      if (v === PENDING) return PENDING;
      this.pong.signal(v);
    }
  }
}

/** Sends 0, 1, 2... while `left` values remain, waiting whenever the channel is full. */
class Producer implements Future<never> {
  left = 0;
  private n = 0;
  private readonly send: Send<number>;
  constructor(ch: Channel<number>) {
    this.send = ch.send(0);
  }
  poll(cx: Context): Poll<never> {
    woke();
    while (this.left > 0) {
      if (this.send.poll(cx) === PENDING) return PENDING;
      this.left--;
      this.send.set(++this.n);
    }
    return PENDING;
  }
}

/** A workload: `step()` causes some wakes. */
interface Workload {
  step(): void;
}

function signalPingPong(): Workload {
  const p = new HostPlatform(false);
  const ex = new Executor(2, p);
  const ping = new Signal<number>(2);
  const pong = new Signal<number>(2);
  const pinger = new Pinger(ping, pong);
  ex.spawn(new Ponger(ping, pong), 'pong');
  ex.spawn(pinger, 'ping');
  ex.runUntilIdle();
  const w = ex.contexts[1]!.waker;
  return {
    step() {
      pinger.left = 50;
      w.wake();
      ex.runUntilIdle();
    },
  };
}

function channel(): Workload {
  const p = new HostPlatform(false);
  const ex = new Executor(2, p);
  const ch = new Channel<number>(2);
  const producer = new Producer(ch);
  const rx: Recv<number> = ch.recv();
  ex.spawn(new Drain(rx), 'consumer');
  ex.spawn(producer, 'producer');
  ex.runUntilIdle();
  const w = ex.contexts[1]!.waker;
  return {
    step() {
      producer.left = 100;
      w.wake();
      ex.runUntilIdle();
    },
  };
}

function timers(): Workload {
  const h = new Host({ record: false, tasks: 2, timers: 2 });
  h.rt.spawn(new Drain(ticker(h.rt, 1)), 'ticker');
  h.rt.spawn(new Drain(sleep(h.rt, 3)), 'sleep');
  h.run();
  return {
    step() {
      h.advance(1);
    },
  };
}

/** A host runtime with a reactor attached, for the GPIO and UART workloads. */
function withReactor(): { h: Host; reactor: Reactor } {
  const h = new Host({ record: false, tasks: 1, timers: 1 });
  const platform = h.platform;
  const reactor = new Reactor(2, () => platform.pend());
  h.rt.attach(reactor);
  return { h, reactor };
}

function gpio(): Workload {
  const { h, reactor } = withReactor();
  const pin = addPin(reactor, 'A0', 0);
  h.rt.spawn(new Drain(pin.waitFor('rising')), 'edges');
  h.run();
  let t = 0;
  return {
    step() {
      pin.edge(1, ++t);
      pin.edge(0, ++t);
      h.run();
    },
  };
}

function uart(): Workload {
  const { h, reactor } = withReactor();
  const port = addUart(reactor, 'U', 16, 4, { kick() {} });
  h.rt.spawn(new Drain(port.readLine(new Uint8Array(8))), 'lines');
  h.run();
  return {
    step() {
      port.receive(111); // 'o'
      port.receive(107); // 'k'
      port.receive(10); // LF
      h.run();
    },
  };
}

function measure(name: string, make: () => Workload, leak: boolean): void {
  const w = make();
  leaking = leak;
  // Warm up after the collection (a full collection shrinks Lua's call stack,
  // which then grows again once): the count then sees only the steady state.
  collectgarbage('collect');
  collectgarbage('stop');
  const warm = wakes + WARM_UP;
  while (wakes < warm) w.step();
  const start = wakes;
  const end = start + WAKES;
  const before = collectgarbage('count');
  const t0 = os.clock();
  while (wakes < end) w.step();
  const t1 = os.clock();
  const after = collectgarbage('count');
  collectgarbage('restart');
  leaking = false;
  kept = null;
  const n = wakes - start;
  const perSecond = Math.floor(n / (t1 - t0));
  console.log(name + ' ' + (leak ? 'allocating' : 'steady') + ' wakes=' + n + ' before=' + before + ' after=' + after +
    ' seconds=' + (t1 - t0) + ' wakesPerSecond=' + perSecond);
}

for (const [name, make] of [['signal', signalPingPong], ['channel', channel], ['timer', timers], ['gpio', gpio], ['uart', uart]] as const) {
  measure(name, make, false);
  measure(name, make, true);
}
