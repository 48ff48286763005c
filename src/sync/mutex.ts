// Mutex: one task at a time holds the value; waiters get it in FIFO order.
//
// Fairness is by hand-off: unlock() gives the lock straight to the front
// waiter (the mutex stays locked in between), so a task that arrives later
// cannot barge in. FIFO holds among the waiters that fit in the waiter queue;
// past its size the queue falls back to waking everyone (see WaitQueue) and
// order is then the run queue's.
//
// There is no guard object (that would allocate): `lock()` answers the
// protected value and the holder calls `unlock()` when done.

import { checkCapacity, Code, FlagpollError } from '../core/errors.ts';
import { PENDING } from '../core/poll.ts';
import type { Future, Poll } from '../core/poll.ts';
import type { Context, Waker } from '../core/waker.ts';
import { DEFAULT_WAITERS, WaitQueue } from './wait-queue.ts';
import type { Waiter } from './wait-queue.ts';

export class Mutex<T> {
  readonly value: T;
  /** True while a task holds the lock (read it, do not set it). */
  locked = false;
  /** @internal the waiter the lock was handed to, not yet polled. */
  handoff: Lock<T> | null = null;
  /** @internal */
  readonly waiters: WaitQueue<Lock<T>>;

  constructor(value: T, waiters = DEFAULT_WAITERS) {
    checkCapacity('Mutex waiters', waiters);
    this.value = value;
    this.waiters = new WaitQueue(waiters);
  }

  /** Take the lock if it is free and nobody waits: the value, else PENDING. */
  tryLock(): Poll<T> {
    if (this.locked) return PENDING;
    this.locked = true;
    return this.value;
  }

  /** Give the lock to the front waiter, or free it. Throws UnlockNotLocked when not locked. */
  unlock(): void {
    if (!this.locked) throw new FlagpollError(Code.UnlockNotLocked, 'Mutex');
    const next = this.waiters.wakeOne();
    if (next === null) this.locked = false;
    else this.handoff = next;
  }

  /** A future that takes the lock. Allocates: make it once and poll it in a loop. */
  lock(): Lock<T> {
    return new Lock(this);
  }
}

/**
 * Takes the lock and answers the value. Cancel safety: strict; a Lock dropped
 * after the lock was handed to it passes the lock on to the next waiter.
 */
export class Lock<T> implements Future<T>, Waiter {
  waker: Waker | null = null;
  queued = false;
  private readonly m: Mutex<T>;

  constructor(m: Mutex<T>) {
    this.m = m;
  }

  poll(cx: Context): Poll<T> {
    const m = this.m;
    if (m.handoff === this) {
      m.handoff = null;
      this.waker = null;
      return m.value;
    }
    if (!this.queued && m.tryLock() !== PENDING) {
      this.waker = null;
      return m.value;
    }
    this.waker = cx.waker;
    m.waiters.push(this);
    return PENDING;
  }

  drop(): void {
    const m = this.m;
    m.waiters.remove(this);
    this.waker = null;
    if (m.handoff === this) {
      m.handoff = null;
      m.unlock();
    }
  }
}
