// Timeout: run a future against a deadline; whichever is ready first wins.
//
// When the deadline comes first, the inner future is dropped (its
// registrations released) and the answer is TIMED_OUT. When both are ready at
// the same poll, the inner future wins: its value is not thrown away.
//
// Cancel safety: as the inner future's. drop() drops the inner future and
// disarms the deadline.

import { PENDING } from '../core/poll.ts';
import type { Future, Poll } from '../core/poll.ts';
import type { Context } from '../core/waker.ts';
import { Sleep } from './sleep.ts';
import { queueOf } from './timer-queue.ts';
import type { TimerQueue, Timers } from './timer-queue.ts';

/** What a Timeout answers when the deadline came first. A plain object at run time, typed so that `v !== TIMED_OUT` narrows (as PENDING). */
export const TIMED_OUT: unique symbol = { timedOut: true } as never;

export type TimedOut = typeof TIMED_OUT;

export class Timeout<T> implements Future<T | TimedOut> {
  readonly inner: Future<T>;
  private readonly sleep: Sleep;

  constructor(timers: TimerQueue, inner: Future<T>, ms: number) {
    this.inner = inner;
    this.sleep = new Sleep(timers, ms);
  }

  /** Use another limit from the next wait on. */
  setDuration(ms: number): this {
    this.sleep.setDuration(ms);
    return this;
  }

  poll(cx: Context): Poll<T | TimedOut> {
    const v = this.inner.poll(cx);
    if (v !== PENDING) {
      this.sleep.drop();
      return v;
    }
    if (this.sleep.poll(cx) === PENDING) return PENDING;
    if (this.inner.drop !== undefined) this.inner.drop();
    return TIMED_OUT;
  }

  drop(): void {
    if (this.inner.drop !== undefined) this.inner.drop();
    this.sleep.drop();
  }
}

/** `inner`, limited to `ms` milliseconds from its first poll, on `on`'s timers. Allocates: make it at start-up and reuse it. */
export function timeout<T>(on: Timers, inner: Future<T>, ms: number): Timeout<T> {
  return new Timeout(queueOf(on), inner, ms);
}
