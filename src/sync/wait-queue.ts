// A fixed-size FIFO of waiting futures: the one waiter list every sync
// primitive uses.
//
// The queue holds the waiting future objects themselves (each remembers the
// waker it was last polled with), so waking needs no allocation and a future
// that is dropped can take itself out. Its size is fixed when the primitive is
// made.
//
// When it is full, a new waiter does not fail and is not lost: it is left out
// of the queue, and the queue remembers that someone is left out (one waker
// of theirs, to reach their executor). As soon as the queue has room again,
// or on a wake-all, it falls back to waking every task of that executor
// (`RawWakerVTable.wakeAll`); the left-out waiters poll again and queue in
// the order the run queue polls them. Spurious wakes, never a lost one, and
// no busy loop: a left-out waiter sleeps until room appears. `overflows`
// counts how often a waiter was left out: raise the primitive's `waiters`
// size if it is not 0.

import type { Waker } from '../core/waker.ts';

export interface Waiter {
  /** The waker from the waiter's latest poll. */
  waker: Waker | null;
  /** In a queue now. Set and cleared by the queue only. */
  queued: boolean;
}

export const DEFAULT_WAITERS = 8;

export class WaitQueue<W extends Waiter> {
  readonly capacity: number;
  /** How many times a waiter was left out because the queue was full. */
  overflows = 0;
  /** Waiters in order, front first, in items[0 .. length). Queues are short: shifting beats a ring here. */
  private readonly items: (W | null)[] = [];
  /** Waiters queued now (read it, do not set it; a field, not a getter: on Lua a getter is a function every firmware carries). */
  length = 0;
  /** A waker of a left-out waiter, or null when nobody is left out. */
  private spill: Waker | null = null;

  constructor(capacity: number) {
    this.capacity = capacity;
    for (let i = 0; i < capacity; i++) this.items.push(null);
  }


  /** Queue `w` at the back; a queued waiter keeps its place. When full, `w` is left out (see above). */
  push(w: W): void {
    if (w.queued) return;
    if (this.length === this.capacity) return this.leaveOut(w);
    this.items[this.length] = w;
    this.length++;
    w.queued = true;
  }

  private leaveOut(w: W): void {
    this.overflows++;
    this.spill = w.waker;
  }

  /** Take the front waiter out (not woken). */
  shift(): W | null {
    if (this.length === 0) return null;
    const w = this.items[0]!;
    this.removeAt(0);
    return w;
  }

  /** Take `w` out wherever it stands; later waiters keep their order. */
  remove(w: W): void {
    if (!w.queued) return;
    let i = 0;
    while (this.items[i] !== w) i++;
    this.removeAt(i);
  }

  private removeAt(i: number): void {
    const items = this.items;
    const w = items[i]!;
    const last = this.length - 1;
    this.length = last;
    for (; i < last; i++) items[i] = items[i + 1]!;
    items[last] = null;
    w.queued = false;
    if (this.spill !== null) this.wakeLeftOut();
  }

  /** Take the front waiter out and wake it. Answers it, or null when none waits. */
  wakeOne(): W | null {
    const w = this.shift();
    if (w !== null && w.waker !== null) w.waker.wake();
    return w;
  }

  /** Take every waiter out and wake each, front first. */
  wakeAll(): void {
    const items = this.items;
    const n = this.length;
    this.length = 0;
    for (let i = 0; i < n; i++) {
      const w = items[i]!;
      items[i] = null;
      w.queued = false;
      if (w.waker !== null) w.waker.wake();
    }
    if (this.spill !== null) this.wakeLeftOut();
  }

  private wakeLeftOut(): void {
    const s = this.spill!;
    this.spill = null;
    s.vtable.wakeAll(s.data);
  }
}
