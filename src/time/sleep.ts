// Sleep: a future that is ready once the clock reaches a deadline.
//
// The deadline is taken at the first poll (futures do nothing until polled):
// `sleep(timers, 500)` made at start-up and polled later waits 500 ms from
// that poll. After it answers, the Sleep is idle again and the next poll
// starts a new wait, so one Sleep serves a whole loop without allocating.
//
// Cancel safety: strict. drop() disarms the timer; polling again starts over.

import { checkDuration, Code, FlagpollError } from '../core/errors.ts';
import { PENDING } from '../core/poll.ts';
import type { Future, Poll } from '../core/poll.ts';
import type { Context, Waker } from '../core/waker.ts';
import { queueOf } from './timer-queue.ts';
import type { TimerEntry, TimerQueue, Timers } from './timer-queue.ts';

export class Sleep implements Future<void>, TimerEntry {
  deadline = 0;
  armed = false;
  fired = false;
  waker: Waker | null = null;
  private readonly timers: TimerQueue;
  private ms: number;
  /** An absolute deadline, or NaN for a wait of `ms` from the first poll. */
  private at = NaN;

  /** A wait of `ms` from the first poll; `setDeadline` makes it absolute. */
  constructor(timers: TimerQueue, ms: number) {
    checkDuration('sleep', ms);
    this.timers = timers;
    this.ms = ms;
  }

  /** Wait `ms` from the next poll instead (cancels a wait under way). */
  setDuration(ms: number): this {
    checkDuration('sleep', ms);
    this.drop();
    this.ms = ms;
    this.at = NaN;
    return this;
  }

  /** Wait until the clock reads `t` instead (cancels a wait under way). */
  setDeadline(t: number): this {
    if (!isFinite(t)) throw new FlagpollError(Code.BadInstant, 'sleepUntil', t);
    this.drop();
    this.at = t;
    return this;
  }

  poll(cx: Context): Poll<void> {
    if (this.fired) {
      this.fired = false;
      this.waker = null;
      return undefined;
    }
    if (!this.armed) {
      const now = this.timers.now();
      const at = this.at;
      this.deadline = at === at ? at : now + this.ms;
      if (this.deadline <= now) return undefined;
      this.waker = cx.waker;
      this.timers.arm(this);
      return PENDING;
    }
    this.waker = cx.waker;
    return PENDING;
  }

  drop(): void {
    this.timers.disarm(this);
    this.fired = false;
    this.waker = null;
  }
}

/** A Sleep of `ms` milliseconds from its first poll, on `on`'s timers (`sleep(dev.rt, 200)`). Allocates: make it at start-up and reuse it. */
export function sleep(on: Timers, ms: number): Sleep {
  return new Sleep(queueOf(on), ms);
}

/** A Sleep until the clock reads `t` (ready at once if `t` has passed). */
export function sleepUntil(on: Timers, t: number): Sleep {
  return new Sleep(queueOf(on), 0).setDeadline(t);
}
