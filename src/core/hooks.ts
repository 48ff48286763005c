// What the executor needs from the board it runs on, and nothing more.
//
// A target gives the executor these hooks; the executor never reaches into the
// target, and the target never polls a task itself (as Embassy's Pender).

import type { FlagpollError } from './errors.ts';

export interface ExecutorHooks {
  /** The run queue went from empty to non-empty outside a run: the main loop has work. Called from any callback that wakes a task. */
  pend(): void;
  /** `runUntilIdle` drained the run queue and is about to return to the main loop. */
  idle(): void;
  /** Something went wrong that must not stop the other tasks (a task threw, a late wake). */
  report(error: FlagpollError): void;
}

/** What a trace records. Tests assert exact sequences of these. */
export type TraceKind = 'spawn' | 'poll' | 'pending' | 'ready' | 'fail' | 'abort' | 'wake';

/** Receives every step of the executor, for tests. Absent in firmware. */
export interface Tracer {
  record(kind: TraceKind, name: string): void;
}
