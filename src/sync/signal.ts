// Signal: a single value slot where the latest value wins.
//
// `signal(v)` replaces whatever value was there and wakes every waiter; the
// first waiter polled takes the value, the others queue again. Use it for
// "the newest reading" or "something happened", where a missed intermediate
// value does not matter. (Use a Channel when every value matters.)
//
// The common case, one waiting task, is kept out of the waiter queue: the
// first waiter has a field of its own, the rest queue in a WaitQueue.
//
// No value is the sentinel EMPTY in `value`, not a flag beside it: a signal
// writes one field and a take reads and writes one, on every wake (on Lua
// each field access is a hash lookup). A value may be undefined (Signal<void>).

import { checkCapacity } from '../core/errors.ts';
import { PENDING } from '../core/poll.ts';
import type { Future, Poll } from '../core/poll.ts';
import type { Context, Waker } from '../core/waker.ts';
import { DEFAULT_WAITERS, WaitQueue } from './wait-queue.ts';
import type { Waiter } from './wait-queue.ts';

/** `value` of a signal holding none: an object no caller can signal. */
const EMPTY = {};

export class Signal<T> {
  /** @internal the value, or EMPTY. */
  value: T | typeof EMPTY = EMPTY;
  /** @internal the first waiter, when it is not in `waiters`. */
  first: SignalWait<T> | null = null;
  /** @internal the other waiters. */
  readonly waiters: WaitQueue<SignalWait<T>>;
  /**
   * @internal a waiter was pushed to `waiters` since the last signal. Read
   * instead of `waiters.length`: one field read on the signal's hot path, not two.
   */
  many = false;

  /** `waiters`: how many waiters beyond the first fit in the queue (see WaitQueue for what happens past it). */
  constructor(waiters = DEFAULT_WAITERS) {
    checkCapacity('Signal waiters', waiters);
    this.waiters = new WaitQueue(waiters);
  }

  /** Store `v` (replacing an untaken value) and wake every waiter. */
  signal(v: T): void {
    this.value = v;
    const f = this.first;
    if (f !== null) {
      this.first = null;
      f.queued = false;
      f.waker!.wake();
    }
    // With `many` clear the queue is empty (and so has nobody left out): wakeAll would do nothing.
    if (this.many) {
      this.many = false;
      this.waiters.wakeAll();
    }
  }

  /** Take the value if there is one, else PENDING. Returns at once. */
  tryTake(): Poll<T> {
    const v = this.value;
    if (v === EMPTY) return PENDING;
    this.value = EMPTY;
    return v as T;
  }

  /** True when a value waits to be taken. */
  get signaled(): boolean {
    return this.value !== EMPTY;
  }

  /** How many waiters are registered. */
  get waiting(): number {
    return (this.first === null ? 0 : 1) + this.waiters.length;
  }

  /** Forget an untaken value. */
  reset(): void {
    this.value = EMPTY;
  }

  /** A future that takes the next value. Allocates: make it once and poll it in a loop. */
  wait(): SignalWait<T> {
    return new SignalWait(this);
  }

  /** @internal */
  enqueue(w: SignalWait<T>): void {
    if (this.first === null) {
      this.first = w;
      w.queued = true;
    } else {
      this.waiters.push(w);
      this.many = true;
    }
  }

  /** @internal */
  dequeue(w: SignalWait<T>): void {
    if (this.first === w) {
      this.first = null;
      w.queued = false;
    } else this.waiters.remove(w);
  }
}

/**
 * Takes the signal's value. Cancel safety: strict; dropping it before it
 * answered takes nothing and leaves the waiter list.
 */
export class SignalWait<T> implements Future<T>, Waiter {
  waker: Waker | null = null;
  queued = false;
  /** Not `signal`: a public name elsewhere, which the Espruino build would not shorten. */
  private readonly sig: Signal<T>;

  constructor(signal: Signal<T>) {
    this.sig = signal;
  }

  poll(cx: Context): Poll<T> {
    const s = this.sig;
    const v = s.value;
    if (v !== EMPTY) {
      s.value = EMPTY;
      // The waker is kept: a stale waker costs at most a spurious wake, clearing it a field write per value.
      if (this.queued) s.dequeue(this);
      return v as T;
    }
    this.waker = cx.waker;
    if (!this.queued) {
      // enqueue's common case, inline (on Lua a method call on the Signal is a metatable lookup).
      if (s.first === null) {
        s.first = this;
        this.queued = true;
      } else s.enqueue(this);
    }
    return PENDING;
  }

  drop(): void {
    if (this.queued) this.sig.dequeue(this);
    this.waker = null;
  }
}
