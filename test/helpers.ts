// Futures for tests: gates opened by hand, that record what they registered.

import { PENDING } from '../src/core/poll.ts';
import type { Future, Poll } from '../src/core/poll.ts';
import type { Context, Waker } from '../src/core/waker.ts';

/** Pending until `open(v)`; keeps the waker of its latest poll until dropped. */
export class Gate<T = void> implements Future<T> {
  waker: Waker | null = null;
  polls = 0;
  drops = 0;
  private value: T | undefined = undefined;
  private isOpen = false;

  poll(cx: Context): Poll<T> {
    this.polls++;
    if (this.isOpen) return this.value as T;
    this.waker = cx.waker;
    return PENDING;
  }
  drop(): void {
    this.drops++;
    this.waker = null;
  }
  /** Make it ready and wake whoever registered. */
  open(v?: T): void {
    this.value = v;
    this.isOpen = true;
    const w = this.waker;
    if (w !== null) w.wake();
  }
}

/** Never ready; answers PENDING forever and registers nothing. */
export class Forever implements Future<never> {
  polls = 0;
  poll(): Poll<never> {
    this.polls++;
    return PENDING;
  }
}

/** A future that loops over `body` until it answers a value. */
export function task<T>(body: (cx: Context) => Poll<T>): Future<T> {
  return { poll: body };
}
