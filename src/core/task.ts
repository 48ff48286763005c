// A task slot's header: its waker, its context and its link in the run queue.
//
// FRAGILE CORE (see executor.ts). The executor makes one per slot, once, as
// Embassy makes a TaskHeader. It is the slot's waker (`vtable` the executor,
// `data` the slot number, as Rust's RawWaker) and, as a context holds nothing
// but a waker, also the context the slot's future is polled with (`waker` is
// itself). Its `wake` queues the slot itself instead of calling through the
// vtable: on an interpreter a call costs as much as a handful of field reads,
// so a wake is one call, and a wake of a slot already queued reads one field.
//
// The run queue is intrusive and FIFO: the executor keeps its `head` and
// `tail`, each header its `next`. A header is in the queue exactly when its
// QUEUED bit is set, and its `next` is null whenever it is the last one or
// out of the queue. With `head` null the queue is empty and `tail` is stale.

import type { Executor } from './executor.ts';
import type { JoinHandle } from './join-handle.ts';
import type { Future } from './poll.ts';
import { Waker } from './waker.ts';

/** Slot state bits. A const enum: every use compiles to a literal, so the hot path loads no module variable. */
export const enum S {
  FREE = 0,
  LIVE = 1,
  QUEUED = 2,
  ABORT = 4,
}

export class Task extends Waker {
  /** The waker a poll of this slot hands on: this header (it is the slot's context too), or a tracing waker. */
  waker: Waker;
  /** @internal LIVE, QUEUED and ABORT bits. A freed slot may stay QUEUED until the run queue reaches it. */
  st: number = S.FREE;
  /** @internal the next header in the run queue, or null. */
  next: Task | null = null;
  /** @internal the slot's future while a task holds the slot. */
  fut: Future<unknown> | null = null;
  /** @internal the task's name, for traces and errors; stale once the slot is free. */
  taskName = '';
  /** @internal the task's handle, when it was spawned with one (join-handle.ts). */
  handle: JoinHandle<unknown> | undefined = undefined;

  constructor(ex: Executor, slot: number) {
    super(ex, slot);
    this.waker = this;
  }

  /**
   * Queue the slot for polling. Waking a queued or aborted slot does nothing;
   * waking a free one tells the executor (a wake after stop is reported).
   * Inside a run, the run picks the slot up itself; from outside, the first
   * slot queued calls pend().
   */
  wake(): void {
    // No method call and no local until the slot must be queued: on Espruino each token is interpreted.
    if (this.st !== S.LIVE) {
      if (this.st === S.FREE) (this.vtable as Executor).wakeFree(this.data);
      return;
    }
    this.st = S.LIVE | S.QUEUED;
    const ex = this.vtable as Executor;
    if (ex.head === null) {
      ex.head = this;
      if (!ex.running) ex.hooks.pend();
    } else ex.tail!.next = this;
    ex.tail = this;
  }
}
