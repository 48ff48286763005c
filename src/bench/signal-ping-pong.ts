// The flagpoll side of the benchmark: tasks ping-ponging through Signals.
//
// `pairs` pairs of tasks; in each pair, A signals `ping` and waits for
// `pong`, B waits for `ping` and signals `pong`. Each delivery is one wake
// and one poll. Also the fixture of the allocation audit: everything here
// after `start()` is the steady state, which must allocate nothing.

import { PENDING } from '../core/poll.ts';
import type { Future, Poll } from '../core/poll.ts';
import type { Context } from '../core/waker.ts';
import { Signal } from '../sync/signal.ts';
import type { SignalWait } from '../sync/signal.ts';
import { Host } from '../targets/host/platform.ts';

class Pinger implements Future<never> {
  private readonly out: Signal<number>;
  private readonly wait: SignalWait<number>;
  private readonly counter: Counter;
  private sent = false;
  constructor(out: Signal<number>, back: Signal<number>, counter: Counter) {
    this.out = out;
    this.wait = back.wait();
    this.counter = counter;
  }
  poll(cx: Context): Poll<never> {
    const c = this.counter;
    for (;;) {
      if (!this.sent) {
        if (c.left <= 0) return PENDING; // idle until run() wakes it again
        c.left--;
        this.out.signal(c.left);
        this.sent = true;
      }
      if (this.wait.poll(cx) === PENDING) return PENDING;
      this.sent = false;
    }
  }
}

class Ponger implements Future<never> {
  private readonly out: Signal<number>;
  private readonly wait: SignalWait<number>;
  private readonly counter: Counter;
  constructor(inbox: Signal<number>, out: Signal<number>, counter: Counter) {
    this.wait = inbox.wait();
    this.out = out;
    this.counter = counter;
  }
  poll(cx: Context): Poll<never> {
    for (;;) {
      const v = this.wait.poll(cx);
      if (v === PENDING) return PENDING;
      this.counter.wakes++;
      this.out.signal(v);
    }
  }
}

interface Counter {
  left: number;
  wakes: number;
}

export interface PingPong {
  host: Host;
  /** Run until `rounds` more round trips per pair are done. Answers the wakes delivered. */
  run(rounds: number): number;
}

/** Set up `pairs` ping-ponging pairs on a host runtime without tracing. */
export function makeSignalPingPong(pairs: number): PingPong {
  const host = new Host({ tasks: pairs * 2, timers: 1, record: false });
  const counters: Counter[] = [];
  const pingers: Pinger[] = [];
  for (let i = 0; i < pairs; i++) {
    const ping = new Signal<number>(2);
    const pong = new Signal<number>(2);
    const c: Counter = { left: 0, wakes: 0 };
    counters.push(c);
    pingers.push(new Pinger(ping, pong, c));
    host.rt.spawn(new Ponger(ping, pong, c), 'pong' + i);
  }
  for (let i = 0; i < pairs; i++) host.rt.spawn(pingers[i]!, 'ping' + i);
  host.run();
  const ex = host.rt.executor;
  return {
    host,
    run(rounds: number): number {
      let before = 0;
      for (let i = 0; i < counters.length; i++) {
        before += counters[i]!.wakes;
        counters[i]!.left = rounds;
        ex.contexts[pairs + i]!.waker.wake();
      }
      host.run();
      let after = 0;
      for (let i = 0; i < counters.length; i++) after += counters[i]!.wakes;
      // each round trip is two deliveries: ping to B, pong to A
      return (after - before) * 2;
    },
  };
}
