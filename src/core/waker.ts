// Wakers: how a future that answered PENDING gets its task polled again.
//
// A waker is a `{vtable, data}` pair as in Rust's std::task::RawWaker. The
// executor makes exactly one waker and one context per task slot, once, when
// it is made; `clone` returns the same object and `drop` does nothing, so no
// waker is ever allocated afterwards. `data` is the slot number. The
// executor's wakers are its task headers (task.ts), whose `wake` queues the
// slot itself instead of calling through the vtable.
//
// Waking is idempotent and cheap: it marks the slot ready (at most once) and
// never polls anything itself, so it is safe to call from any callback.

export interface RawWakerVTable {
  /** Answers a waker for the same task: the same object, for flagpoll's executor. */
  clone(data: number): Waker;
  /** Wake the task and give up this waker (a no-op give-up for static wakers). */
  wake(data: number): void;
  /** Wake the task and keep the waker. */
  wakeByRef(data: number): void;
  /** Give up the waker. Static wakers do nothing. */
  drop(data: number): void;
  /**
   * Wake every task of this waker's executor. Not in Rust's vtable: it is the
   * fallback of a full waiter list (sync/wait-queue.ts), which cannot store
   * one more waker but must not lose its wake.
   */
  wakeAll(data: number): void;
}

export class Waker {
  readonly vtable: RawWakerVTable;
  readonly data: number;
  constructor(vtable: RawWakerVTable, data: number) {
    this.vtable = vtable;
    this.data = data;
  }
  wake(): void {
    this.vtable.wake(this.data);
  }
  wakeByRef(): void {
    this.vtable.wakeByRef(this.data);
  }
  clone(): Waker {
    return this.vtable.clone(this.data);
  }
  drop(): void {
    this.vtable.drop(this.data);
  }
  /** True when waking `other` would wake the same task as waking this. */
  willWake(other: Waker): boolean {
    return this === other || (this.vtable === other.vtable && this.data === other.data);
  }
}

/** What a future is polled with: the waker of the task that polls it. */
export class Context {
  readonly waker: Waker;
  constructor(waker: Waker) {
    this.waker = waker;
  }
}
