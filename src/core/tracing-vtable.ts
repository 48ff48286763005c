// The vtable of a traced executor's wakers: it records each wake, then wakes.
//
// Kept out of the executor so the untraced path (the executor is its own
// wakers' vtable) stays what the hot path reads, and so a build without
// tracing leaves it out.

import type { Executor } from './executor.ts';
import type { Tracer } from './hooks.ts';
import type { RawWakerVTable, Waker } from './waker.ts';

export class TracingVTable implements RawWakerVTable {
  private readonly ex: Executor;
  private readonly tracer: Tracer;
  constructor(ex: Executor, tracer: Tracer) {
    this.ex = ex;
    this.tracer = tracer;
  }
  wake(slot: number): void {
    this.tracer.record('wake', this.ex.nameOf(slot));
    this.ex.wake(slot);
  }
  wakeByRef(slot: number): void {
    this.wake(slot);
  }
  clone(slot: number): Waker {
    return this.ex.contexts[slot]!.waker;
  }
  drop(): void {}
  wakeAll(): void {
    this.ex.wakeAll();
  }
}
