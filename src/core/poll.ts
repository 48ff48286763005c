// The poll protocol: a future answers `poll(cx)` with its value or PENDING.
//
// A future does nothing until it is polled. Before it answers PENDING it must
// hand `cx.waker` to whatever will make it ready (a timer, a channel, a pin):
// registration happens at poll time, never at creation. A spurious poll is
// always allowed: a future polled without progress answers PENDING again and
// registers again, which is what makes a stale waker harmless.
//
// flagpoll futures are reusable: after a future answers with a value, or after
// it is dropped, it is back in its idle state and the same object can be
// polled for the next value. That is how a task loops without allocating.

import type { Context } from './waker.ts';

/**
 * The one sentinel: "not yet". At run time a plain object compared by
 * identity (Espruino has no Symbol; Lua compares tables by reference); typed
 * as a unique symbol so that `v !== PENDING` narrows `Poll<T>` to `T`.
 */
export const PENDING: unique symbol = { pending: true } as never;

/** The type of the one sentinel. */
export type Pending = typeof PENDING;

/** What `poll` answers: the value, or PENDING. */
export type Poll<T> = T | Pending;

export interface Future<T> {
  /** Advance the future. Answers the value once ready, else PENDING after registering `cx.waker`. */
  poll(cx: Context): Poll<T>;
  /**
   * Cancel: release whatever `poll` registered (waiter lists, timer entries)
   * and return to the idle state. Called by `select` on losers, by `timeout`
   * on expiry, and by `JoinHandle.abort()` on a task's future. Optional: a
   * future that registers nothing needs none.
   */
  drop?(): void;
}

/** The output type of a future. */
export type Output<F> = F extends Future<infer T> ? T : never;

export function isPending<T>(p: Poll<T>): p is Pending {
  return p === PENDING;
}

export function isReady<T>(p: Poll<T>): p is T {
  return p !== PENDING;
}
