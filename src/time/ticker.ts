// Ticker: ready once per period, on a fixed grid, without drift.
//
// Each deadline is the previous deadline plus the period, never "now plus the
// period", so time spent between ticks does not accumulate. When the task
// falls behind, the missed ticks are answered back to back until it catches up
// (as Embassy's Ticker does); `missed` counts ticks answered late by more
// than a period.
//
// Cancel safety: strict. drop() disarms; the grid stays where it was.

import { Code, FlagpollError } from '../core/errors.ts';
import { PENDING } from '../core/poll.ts';
import type { Future, Poll } from '../core/poll.ts';
import type { Context, Waker } from '../core/waker.ts';
import { queueOf } from './timer-queue.ts';
import type { TimerEntry, TimerQueue, Timers } from './timer-queue.ts';

export class Ticker implements Future<void>, TimerEntry {
  deadline = 0;
  armed = false;
  fired = false;
  waker: Waker | null = null;
  missed = 0;
  readonly period: number;
  private readonly timers: TimerQueue;
  private started = false;

  constructor(timers: TimerQueue, periodMs: number) {
    if (!(periodMs > 0) || periodMs === Infinity) throw new FlagpollError(Code.BadDuration, 'Ticker (the period must be > 0)', periodMs);
    this.timers = timers;
    this.period = periodMs;
  }

  poll(cx: Context): Poll<void> {
    if (this.fired) return this.tick();
    const now = this.timers.now();
    if (!this.started) {
      this.started = true;
      this.deadline = now + this.period;
    }
    if (this.deadline <= now) {
      if (now - this.deadline >= this.period) this.missed++;
      return this.tick();
    }
    this.waker = cx.waker;
    if (!this.armed) this.timers.arm(this);
    return PENDING;
  }

  private tick(): void {
    this.fired = false;
    this.waker = null;
    this.deadline += this.period;
  }

  /** Start the grid again from the next poll. */
  reset(): void {
    this.drop();
    this.started = false;
  }

  drop(): void {
    this.timers.disarm(this);
    this.fired = false;
    this.waker = null;
  }
}

/** A Ticker every `periodMs` ms on `on`'s timers (`ticker(dev.rt, 500)`), the grid starting at its first poll. Allocates: make it at start-up. */
export function ticker(on: Timers, periodMs: number): Ticker {
  return new Ticker(queueOf(on), periodMs);
}
