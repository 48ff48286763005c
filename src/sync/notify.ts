// Notify: wake one waiting task, or all of them, with no value.
//
// notifyOne() with nobody waiting stores one permit, so a notification sent
// just before the waiter arrives is not lost (as tokio's Notify); permits do
// not add up. notifyAll() wakes those waiting now and stores nothing.

import { checkCapacity } from '../core/errors.ts';
import { PENDING } from '../core/poll.ts';
import type { Future, Poll } from '../core/poll.ts';
import type { Context, Waker } from '../core/waker.ts';
import { DEFAULT_WAITERS, WaitQueue } from './wait-queue.ts';
import type { Waiter } from './wait-queue.ts';

const BY_ONE = 1;
const BY_ALL = 2;

export class Notify {
  /** @internal */
  permit = false;
  /** @internal */
  readonly waiters: WaitQueue<Notified>;

  constructor(waiters = DEFAULT_WAITERS) {
    checkCapacity('Notify waiters', waiters);
    this.waiters = new WaitQueue(waiters);
  }

  /** Wake the longest waiter, or store a permit when nobody waits. */
  notifyOne(): void {
    const w = this.waiters.wakeOne();
    if (w === null) this.permit = true;
    else w.notified = BY_ONE;
  }

  /** Wake every waiter now. */
  notifyAll(): void {
    let w = this.waiters.wakeOne();
    while (w !== null) {
      w.notified = BY_ALL;
      w = this.waiters.wakeOne();
    }
  }

  /** A future that waits for a notification. Allocates: make it once and poll it in a loop. */
  notified(): Notified {
    return new Notified(this);
  }
}

/**
 * Ready after a notification. Cancel safety: strict; a Notified dropped after
 * notifyOne() chose it passes the notification on.
 */
export class Notified implements Future<void>, Waiter {
  waker: Waker | null = null;
  queued = false;
  /** @internal 0, or how it was notified: BY_ONE or BY_ALL. */
  notified = 0;
  private readonly n: Notify;

  constructor(n: Notify) {
    this.n = n;
  }

  poll(cx: Context): Poll<void> {
    if (this.notified !== 0) {
      this.notified = 0;
      this.waker = null;
      return undefined;
    }
    if (!this.queued && this.n.permit) {
      this.n.permit = false;
      return undefined;
    }
    this.waker = cx.waker;
    this.n.waiters.push(this);
    return PENDING;
  }

  drop(): void {
    this.n.waiters.remove(this);
    this.waker = null;
    // Chosen by notifyOne and dropped before it polled: the next waiter gets it.
    if (this.notified === BY_ONE) this.n.notifyOne();
    this.notified = 0;
  }
}
