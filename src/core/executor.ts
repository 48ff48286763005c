// The executor: a fixed task table, a FIFO run queue of task headers, static wakers.
//
// FRAGILE CORE. Every line here runs on every wake and every poll, on chips
// where each executed token costs time. Keep it flat, short and free of
// allocation: no closures, arrays or strings are made after the constructor.
//
// A task slot moves through these states (bits of its header's `st`, task.ts):
//
//        (1) spawn                 (2) wake            (3) poll, PENDING
//   FREE -------> LIVE|QUEUED <------------ LIVE <------------------------+
//    ^                 |  |                                               |
//    |                 |  +------------------- (3) ---------------------->+
//    |   (4) ready, throw, or abort            |
//    +-----------------------------------------+
//
// 1. spawn takes a free slot and queues it. Queueing calls pend() when the
//    queue was empty and no run is under way (a run picks new work up itself).
// 2. wake queues a LIVE slot; waking a queued or free slot does nothing.
//    The slot's header (task.ts) is its waker and does this itself.
// 3. a run takes slots off the queue in the order they were woken and polls
//    them; wakes during the run queue behind everything already queued, so
//    each pass is fair. runPass() polls exactly what was queued when it began.
// 4. when a task ends its slot is freed and its handle, if it has one, is
//    settled. A slot freed while still queued stays QUEUED until the run
//    queue reaches it, so it is never queued twice.
//
// Abort during a run sets ABORT and queues the slot; the run aborts it when
// it comes up instead of polling it. So a task may abort itself, or another,
// from inside a poll, and no future is dropped while its poll is running.
// stop() is aborts of every live task and a refusal of later spawns: the
// run and its hot path know nothing of it.
//
// What a firmware does not use it does not carry: a handle is made only by
// spawnJoin (join-handle.ts), and with tracing off (every device build) the
// traced paths fold away.
//
// A stale waker (kept by a source after its task ended) wakes whoever holds
// the slot now: at most one spurious poll, which every future tolerates.

/// <reference path="./build-flags.d.ts" />
import { Code, FlagpollError, checkCapacity } from './errors.ts';
import type { ExecutorHooks, Tracer } from './hooks.ts';
import type { JoinHandle } from './join-handle.ts';
import { PENDING } from './poll.ts';
import type { Future } from './poll.ts';
import { SpawnError } from './spawn-error.ts';
import { S, Task } from './task.ts';
import { TracingVTable } from './tracing-vtable.ts';
import { Waker } from './waker.ts';
import type { Context, RawWakerVTable } from './waker.ts';

export { SpawnError };

export class Executor implements RawWakerVTable {
  // The run queue first: on Espruino a field is found by a walk over the object's fields.
  /** @internal the run queue's first header, or null when it is empty (task.ts). */
  head: Task | null = null;
  /** @internal the run queue's last header; stale while `head` is null. */
  tail: Task | null = null;
  /** @internal a run (or a main-loop turn, runtime.ts) is under way: wakes need no pend(). */
  running = false;
  /** @internal */
  readonly hooks: ExecutorHooks;
  readonly capacity: number;
  /**
   * Per slot: the context its task is polled with, made here and never again;
   * its `waker` is the slot's one waker. Both are the slot's header (task.ts),
   * unless a tracer records wakes first.
   */
  readonly contexts: readonly Context[];
  /** True once stop() was called: spawns are refused, wakes of free slots reported. */
  stopped = false;
  /** Wakes that arrived after stop(), ignored. */
  lateWakes = 0;

  private readonly tracer: Tracer | null;
  /** Per slot: its header, which holds its state, its future and its place in the run queue. */
  private readonly slots: Task[];

  constructor(capacity: number, hooks: ExecutorHooks, tracer: Tracer | null = null) {
    checkCapacity('Executor', capacity);
    this.capacity = capacity;
    this.hooks = hooks;
    this.tracer = (typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__) ? tracer : null;
    const slots: Task[] = [];
    for (let i = 0; i < capacity; i++) {
      const t = new Task(this, i);
      // A tracing vtable records each wake, then wakes the header.
      if ((typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__) && tracer !== null) t.waker = new Waker(new TracingVTable(this, tracer), i);
      slots.push(t);
    }
    this.slots = slots;
    this.contexts = slots;
  }

  /** Tasks alive now. Counted by a walk over the slots: off the hot path. */
  get tasks(): number {
    let n = 0;
    for (const t of this.slots) if ((t.st & S.LIVE) !== 0) n++;
    return n;
  }

  /** Slots waiting in the run queue. Counted by a walk along it: off the hot path. */
  get ready(): number {
    let n = 0;
    for (let t = this.head; t !== null; t = t.next) n++;
    return n;
  }

  /**
   * Put `future` in a free slot (the lowest) and queue it for its first poll.
   * Answers null, or a SpawnError value (kind 'busy' when the table is full;
   * nothing changes then). `join` is the task's handle, for spawnJoin
   * (join-handle.ts): a task spawned without one keeps no outcome.
   */
  spawn<T>(future: Future<T>, name = 'task', join?: JoinHandle<T>): SpawnError | null {
    if (this.stopped) return new SpawnError('stopped', name, this.capacity);
    for (const t of this.slots) {
      if ((t.st & S.LIVE) === 0) {
        t.fut = future;
        t.taskName = name;
        t.handle = join as JoinHandle<unknown> | undefined;
        if (join !== undefined) join.header = t;
        if ((typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__) && this.tracer !== null) this.tracer.record('spawn', name);
        // A slot freed while queued is still in the run queue: that entry serves.
        if (t.st === S.QUEUED) t.st = S.LIVE | S.QUEUED;
        else {
          t.st = S.LIVE;
          t.wake();
        }
        return null;
      }
    }
    return new SpawnError('busy', name, this.capacity);
  }

  /**
   * The vtable's wake: queue a slot for polling (see Task.wake, which the
   * executor's own wakers call directly). Waking a queued or free slot does nothing.
   */
  wake(slot: number): void {
    this.slots[slot]!.wake();
  }

  /** @internal the name a trace gives a slot: its task's, or #slot when free. */
  nameOf(slot: number): string {
    const t = this.slots[slot]!;
    return (t.st & S.LIVE) !== 0 ? t.taskName : '#' + slot;
  }

  /** The vtable's wakeByRef: static wakers are never consumed, so the same as wake. */
  wakeByRef(slot: number): void {
    this.wake(slot);
  }

  /** The vtable's clone: a slot's waker is the one object made for it. */
  clone(slot: number): Waker {
    return this.slots[slot]!.waker;
  }

  /** The vtable's drop: static wakers own nothing. */
  drop(): void {}

  /** Wake every live task: the fallback of full waiter lists. O(capacity), off the hot path. */
  wakeAll(): void {
    for (const t of this.slots) if (t.st === S.LIVE) t.waker.wake();
  }

  /** @internal a wake of a free slot: stale (nothing to do), or after stop (counted, the first reported). */
  wakeFree(slot: number): void {
    if (!this.stopped) return;
    if (this.lateWakes === 0) this.hooks.report(new FlagpollError(Code.WakeAfterStop, slot));
    this.lateWakes++;
  }

  /**
   * Poll every slot that is queued now, once, in the order they were woken.
   * Slots woken meanwhile wait for the next pass. Answers the polls made.
   */
  runPass(): number {
    return this.drain(this.ready);
  }

  /** Run until nothing is queued, then tell the platform it is idle. Answers the polls made. */
  runUntilIdle(): number {
    // The run queue is FIFO, so polling straight through it keeps batch
    // fairness: whatever is woken now queues behind everything already there.
    const polls = this.drain(0x7fffffff);
    this.hooks.idle();
    return polls;
  }

  /**
   * Take at most `maxEntries` entries off the run queue (a budget for targets
   * whose main loop must not be held, e.g. NodeMCU). Answers true when the
   * queue is empty.
   */
  runBounded(maxEntries: number): boolean {
    this.drain(maxEntries);
    return this.head === null;
  }

  /** Take up to `entries` slots off the run queue and poll the live ones. Answers the polls made. */
  private drain(entries: number): number {
    const outer = this.running;
    this.running = true;
    const tracer = this.tracer;
    let polls = 0;
    // Declared once, not per poll: on Espruino a declaration in the loop is work done per poll.
    let out: unknown;
    // No `continue`: on Lua 5.1 (no goto) TSTL emits it as a repeat-until loop with a flag.
    for (; entries > 0; entries--) {
      const t = this.head;
      if (t === null) break;
      const next = t.next;
      this.head = next;
      // Only when set: on Lua 5.3 storing nil in a key the table lacks makes the key, and the table grows.
      if (next !== null) t.next = null;
      // Every header in the run queue has QUEUED set, so this clears it: no `& ~QUEUED`, a C call on Lua 5.1;
      // one compound assignment, no local: on Espruino each token is interpreted.
      if ((t.st -= S.QUEUED) === S.LIVE) {
        polls++;
        // Untraced first, so the flag is read only when there is a tracer; without the flag the traced path folds away.
        if (tracer === null || !(typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__)) {
          // The poll, inline, with the header as its context: on Lua a method call on the executor is a lookup through its metatable.
          try {
            out = t.fut!.poll(t);
          } catch (e) {
            this.fail(t, e);
            out = PENDING;
          }
          if (out !== PENDING) this.finish(t, out, null);
        } else this.pollTraced(t, tracer);
      } else if (t.st > S.LIVE) {
        // ABORT is the highest bit: above LIVE, once QUEUED is cleared, means aborted during a run (a comparison,
        // not `st & ABORT`, as Lua takes 0 for true). Freed slots are skipped.
        this.abortNow(t);
      }
    }
    this.running = outer;
    return polls;
  }

  /** drain's poll, recording each step: kept apart so the untraced path stays short. */
  private pollTraced(t: Task, tracer: Tracer): void {
    if (!(typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__)) return;
    tracer.record('poll', t.taskName);
    let out: unknown;
    try {
      out = t.fut!.poll(t);
    } catch (e) {
      return this.fail(t, e);
    }
    tracer.record(out !== PENDING ? 'ready' : 'pending', t.taskName);
    if (out !== PENDING) this.finish(t, out, null);
  }

  /** A task's poll threw: the task ends with a TaskThrew error, which is also reported. */
  private fail(t: Task, e: unknown): void {
    if ((typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__) && this.tracer !== null) this.tracer.record('fail', t.taskName);
    this.hooks.report(this.dropAndEnd(t, new FlagpollError(Code.TaskThrew, t.taskName, e)));
  }

  /**
   * @internal JoinHandle.abort() and stop(), for a live task. Outside a run
   * the task is aborted at once. During a run (the task may be the one being
   * polled) it is marked ABORT and queued, and the run aborts it when it
   * comes up, instead of polling it.
   */
  abortTask(t: Task): void {
    if (!this.running) this.abortNow(t);
    else {
      if (t.st === S.LIVE) t.wake();
      t.st |= S.ABORT;
    }
  }

  private abortNow(t: Task): void {
    if ((typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__) && this.tracer !== null) this.tracer.record('abort', t.taskName);
    this.dropAndEnd(t, new FlagpollError(Code.TaskAborted, t.taskName));
  }

  /** Drop the task's future (a throwing drop is reported) and end the task with `err`; answers `err`. */
  private dropAndEnd(t: Task, err: FlagpollError): FlagpollError {
    const f = t.fut!;
    if (f.drop !== undefined) {
      try {
        f.drop();
      } catch (e) {
        this.hooks.report(new FlagpollError(Code.TaskThrew, t.taskName, e));
      }
    }
    this.finish(t, undefined, err);
    return err;
  }

  /**
   * Free the slot and settle the task's handle with its output, or the error
   * it ended with (the handle makes it a JoinError: a firmware without
   * handles carries no JoinError).
   */
  private finish(t: Task, out: unknown, error: FlagpollError | null): void {
    t.st = t.st & S.QUEUED; // not LIVE, not ABORT; maybe still in the run queue
    t.fut = null;
    const j = t.handle;
    if (j !== undefined) {
      t.handle = undefined;
      j.settle(out, error);
    }
  }

  /**
   * Stop for good: every live task is aborted (its future dropped, its joiner
   * told; from inside a run, when the run reaches it), and later spawns are
   * refused and wakes of free slots reported instead of touching anything.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.slots) if ((t.st & S.LIVE) !== 0) this.abortTask(t);
  }
}
