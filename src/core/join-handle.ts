// A task's handle: a future for its output, and the way to abort it.
//
// The handle holds the outcome itself, so the task's slot is free for reuse
// the moment the task ends; an old handle can never read a new occupant's
// result. Cancellation and failure reach the joiner as a JoinError value,
// never as a throw.
//
// Cancel safety: dropping a join (e.g. as a select loser) forgets the joiner's
// waker and leaves the task running; only abort() stops the task.

import { Code, FlagpollError } from './errors.ts';
import { PENDING } from './poll.ts';
import type { Future, Poll } from './poll.ts';
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

/** The part of the executor a handle may call. */
export interface Aborter {
  abortTask(slot: number, generation: number): boolean;
}

const RUNNING = 0;
const DONE = 1;
const ENDED_WITH_ERROR = 2;

export class JoinHandle<T> implements Future<T | JoinError> {
  readonly slot: number;
  readonly generation: number;
  readonly name: string;
  private readonly exec: Aborter;
  private state = RUNNING;
  private value: T | undefined = undefined;
  private error: JoinError | null = null;
  private joiner: Waker | null = null;

  constructor(exec: Aborter, slot: number, generation: number, name: string) {
    this.exec = exec;
    this.slot = slot;
    this.generation = generation;
    this.name = name;
  }

  poll(cx: Context): Poll<T | JoinError> {
    if (this.state === RUNNING) {
      this.joiner = cx.waker;
      return PENDING;
    }
    return this.state === DONE ? (this.value as T) : this.error!;
  }

  drop(): void {
    this.joiner = null;
  }

  /** True once the task has ended, by any way. */
  isFinished(): boolean {
    return this.state !== RUNNING;
  }

  /**
   * Cancel the task: its future's drop() runs (releasing its registrations),
   * the slot is freed, and the joiner sees a JoinError of kind 'aborted'.
   * Answers false when the task had already ended. Aborting the task that is
   * being polled takes effect when its poll returns.
   */
  abort(): boolean {
    if (this.state !== RUNNING) return false;
    return this.exec.abortTask(this.slot, this.generation);
  }

  /** @internal the executor settles the handle when the task ends. */
  settle(value: T | undefined, error: JoinError | null): void {
    this.state = error === null ? DONE : ENDED_WITH_ERROR;
    this.value = value;
    this.error = error;
    const j = this.joiner;
    if (j !== null) {
      this.joiner = null;
      j.wake();
    }
  }
}
