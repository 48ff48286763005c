// A task's handle: a future for its output, and the way to abort it. Made
// only for a task spawned with spawnJoin; plain spawn makes none.
//
// The handle holds the outcome itself, so the task's slot is free for reuse
// the moment the task ends; an old handle can never read a new occupant's
// result. Cancellation and failure reach the joiner as a JoinError value,
// never as a throw.
//
// Cancel safety: dropping a join (e.g. as a select loser) forgets the joiner's
// waker and leaves the task running; only abort() stops the task.

import { Code, FlagpollError } from './errors.ts';
import type { Executor } from './executor.ts';
import { PENDING } from './poll.ts';
import type { Future, Poll } from './poll.ts';
import type { SpawnError } from './spawn-error.ts';
import type { Task } from './task.ts';
import type { Context, Waker } from './waker.ts';

/** How a task ended without a value: aborted, or its poll threw (`cause`). */
export class JoinError extends FlagpollError {
  readonly task: string;
  readonly cause: unknown;
  constructor(code: Code.TaskThrew | Code.TaskAborted, task: string, cause?: unknown) {
    super(code, task, cause);
    this.name = 'JoinError';
    this.task = task;
    this.cause = cause;
  }
  get kind(): 'failed' | 'aborted' {
    return this.code === Code.TaskAborted ? 'aborted' : 'failed';
  }
}

export function isJoinError(v: unknown): v is JoinError {
  return v instanceof JoinError;
}

/**
 * Spawn `future` on `spawner` (an Executor or a Runtime) with a handle: a
 * future for its output, and the way to abort it. Answers the handle, or the
 * SpawnError spawn answered. A task spawned with plain `spawn` has no handle,
 * and a firmware that never calls this carries none of this file's handle code.
 */
export function spawnJoin<T>(spawner: Spawner, future: Future<T>, name?: string): JoinHandle<T> | SpawnError {
  const h = new JoinHandle<T>();
  return spawner.spawn(future, name, h) ?? h;
}

/** What spawnJoin spawns on: Executor.spawn, or Runtime.spawn which passes it on. */
export interface Spawner {
  spawn<T>(future: Future<T>, name?: string, join?: JoinHandle<T>): SpawnError | null;
}

export class JoinHandle<T> implements Future<T | JoinError> {
  /** @internal the task's header (task.ts) while it runs: set by spawn. */
  header: Task | null = null;
  /** PENDING while the task runs; then its output, or the JoinError it ended with. */
  private out: unknown = PENDING;
  private joiner: Waker | null = null;

  poll(cx: Context): Poll<T | JoinError> {
    if (this.out === PENDING) {
      this.joiner = cx.waker;
      return PENDING;
    }
    return this.out as T | JoinError;
  }

  drop(): void {
    this.joiner = null;
  }

  /** True once the task has ended, by any way. */
  isFinished(): boolean {
    return this.out !== PENDING;
  }

  /**
   * Cancel the task: its future's drop() runs (releasing its registrations),
   * the slot is freed, and the joiner sees a JoinError of kind 'aborted'.
   * Answers false when the task had already ended. Aborting the task that is
   * being polled takes effect when its poll returns.
   */
  abort(): boolean {
    if (this.out !== PENDING) return false;
    // Not ended, so the slot is still this task's: the executor settles the handle when the task ends.
    const t = this.header!;
    (t.vtable as Executor).abortTask(t);
    return true;
  }

  /** @internal the executor settles the handle when the task ends: with its output, or the error it ended with. */
  settle(out: unknown, error: FlagpollError | null): void {
    this.out = error === null ? out : new JoinError(error.code as Code.TaskThrew | Code.TaskAborted, error.a as string, error.b);
    this.header = null;
    const j = this.joiner;
    if (j !== null) {
      this.joiner = null;
      j.wake();
    }
  }
}
