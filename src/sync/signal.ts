// Signal: a single value slot where the latest value wins.
//
// `signal(v)` replaces whatever value was there and wakes every waiter; the
// first waiter polled takes the value, the others queue again. Use it for
// "the newest reading" or "something happened", where a missed intermediate
// value does not matter. (Use a Channel when every value matters.)

import { checkCapacity } from '../core/errors.ts';
import { PENDING } from '../core/poll.ts';
import type { Future, Poll } from '../core/poll.ts';
import type { Context, Waker } from '../core/waker.ts';
import { DEFAULT_WAITERS, WaitQueue } from './wait-queue.ts';
import type { Waiter } from './wait-queue.ts';

export class Signal<T> {
  /** @internal */
  value: T | undefined = undefined;
  /** @internal */
  has = false;
  /** @internal */
  readonly waiters: WaitQueue<SignalWait<T>>;

  constructor(waiters = DEFAULT_WAITERS) {
    checkCapacity('Signal waiters', waiters);
    this.waiters = new WaitQueue(waiters);
  }

  /** Store `v` (replacing an untaken value) and wake every waiter. */
  signal(v: T): void {
    this.value = v;
    this.has = true;
    this.waiters.wakeAll();
  }

  /** Take the value if there is one, else PENDING. Returns at once. */
  tryTake(): Poll<T> {
    if (!this.has) return PENDING;
    const v = this.value as T;
    this.has = false;
    this.value = undefined;
    return v;
  }

  /** True when a value waits to be taken. */
  get signaled(): boolean {
    return this.has;
  }

  /** Forget an untaken value. */
  reset(): void {
    this.has = false;
    this.value = undefined;
  }

  /** A future that takes the next value. Allocates: make it once and poll it in a loop. */
  wait(): SignalWait<T> {
    return new SignalWait(this);
  }
}

/**
 * Takes the signal's value. Cancel safety: strict; dropping it before it
 * answered takes nothing and leaves the waiter list.
 */
export class SignalWait<T> implements Future<T>, Waiter {
  waker: Waker | null = null;
  queued = false;
  private readonly signal: Signal<T>;

  constructor(signal: Signal<T>) {
    this.signal = signal;
  }

  poll(cx: Context): Poll<T> {
    const s = this.signal;
    if (s.has) {
      const v = s.value as T;
      s.has = false;
      s.value = undefined;
      if (this.queued) s.waiters.remove(this);
      this.waker = null;
      return v;
    }
    this.waker = cx.waker;
    if (!this.queued) s.waiters.push(this);
    return PENDING;
  }

  drop(): void {
    this.signal.waiters.remove(this);
    this.waker = null;
  }
}
