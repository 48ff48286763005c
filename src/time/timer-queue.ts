// The timer queue: deadlines kept in order, woken when the clock passes them.
//
// Entries are intrusive: a Sleep or Ticker carries its own deadline and waker,
// and the queue holds only references to the armed ones, in a fixed array
// sorted by (deadline, arming order). So arming allocates nothing, equal
// deadlines fire in the order they were armed, and the capacity bounds how
// many timers are armed at once, not how many exist.
//
// The platform drives it: `expire(now)` from the main loop, and one hardware
// timer armed for `nextDeadline()`. Insertion is O(armed), fine for the tens
// of timers a board has, and keeps the code short for interpreters.

import { Code, FlagpollError, checkCapacity } from '../core/errors.ts';
import type { Waker } from '../core/waker.ts';

/** A monotonic clock in milliseconds. */
export interface Clock {
  now(): number;
}

/** What the queue needs of an entry. Sleep, Ticker and Timeout are entries. */
export interface TimerEntry {
  deadline: number;
  /** Set by the queue: in the queue now. */
  armed: boolean;
  /** Set by the queue when the deadline passed; the owner clears it. */
  fired: boolean;
  waker: Waker | null;
}

export class TimerQueue {
  readonly clock: Clock;
  readonly capacity: number;
  /** The armed entries in order: the first `armed` places; the places after them are stale and never read. */
  private readonly entries: TimerEntry[] = [];
  /** Timers armed now (read it, do not set it). */
  armed = 0;

  constructor(clock: Clock, capacity: number) {
    checkCapacity('TimerQueue', capacity);
    this.clock = clock;
    this.capacity = capacity;
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * Arm `e` for `e.deadline`, after every entry with the same deadline.
   * Throws TimerQueueFull (naming the setting to raise) when the queue is full:
   * a sizing error, caught by the executor as the task's failure.
   */
  arm(e: TimerEntry): void {
    if (e.armed) this.disarm(e);
    if (this.armed === this.capacity) throw new FlagpollError(Code.TimerQueueFull, this.capacity);
    const entries = this.entries;
    let i = this.armed;
    while (i > 0 && entries[i - 1]!.deadline > e.deadline) {
      entries[i] = entries[i - 1]!;
      i--;
    }
    entries[i] = e;
    this.armed++;
    e.armed = true;
    e.fired = false;
  }

  /** Take `e` out of the queue if it is there. */
  disarm(e: TimerEntry): void {
    if (!e.armed) return;
    const entries = this.entries;
    let i = 0;
    while (entries[i] !== e) i++;
    for (; i < this.armed - 1; i++) entries[i] = entries[i + 1]!;
    this.armed--;
    e.armed = false;
  }

  /** The earliest armed deadline, or Infinity. */
  nextDeadline(): number {
    return this.armed === 0 ? Infinity : this.entries[0]!.deadline;
  }

  /**
   * Fire every entry whose deadline is at or before `now`, in deadline then
   * arming order. Answers how many fired. Wakers only queue tasks (they never
   * poll), so nothing re-arms while this runs.
   */
  expire(now: number): number {
    const entries = this.entries;
    let n = 0;
    while (n < this.armed && entries[n]!.deadline <= now) {
      const e = entries[n]!;
      e.armed = false;
      e.fired = true;
      if (e.waker !== null) e.waker.wake();
      n++;
    }
    if (n === 0) return 0;
    const left = this.armed - n;
    for (let i = 0; i < left; i++) entries[i] = entries[i + n]!;
    this.armed = left;
    return n;
  }
}

/** What the time functions take: a timer queue, or what holds one (the runtime: `sleep(dev.rt, 200)`). */
export type Timers = TimerQueue | { readonly timers: TimerQueue };

/** The queue `on` is or holds. */
export function queueOf(on: Timers): TimerQueue {
  // Not instanceof: compiled to Lua that is a lualib helper; a queue has no `timers`.
  return (on as { timers?: TimerQueue }).timers ?? (on as TimerQueue);
}
