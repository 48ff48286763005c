// The executor: a fixed task table, a run queue of slot ids, static wakers.
//
// FRAGILE CORE. Every line here runs on every wake and every poll, on chips
// where each executed token costs time. Keep it flat, short and free of
// allocation: no closures, arrays or strings are made after the constructor.
//
// A task slot moves through these states (bits of `state`):
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
// 3. a run takes slots off the queue in the order they were woken and polls
//    them; wakes during the run queue behind everything already queued, so
//    each pass is fair. runPass() polls exactly what was queued when it began.
// 4. when a task ends its handle is settled, its slot freed and its
//    generation bumped. A slot freed while still queued stays QUEUED until
//    the run queue reaches it, so it is never queued twice.
//
// Abort during a run sets ABORT and queues the slot; the run aborts it when
// it comes up instead of polling it. So a task may abort itself, or another,
// from inside a poll, and no future is dropped while its poll is running.
//
// A stale waker (kept by a source after its task ended) wakes whoever holds
// the slot now: at most one spurious poll, which every future tolerates.

/// <reference path="./build-flags.d.ts" />
import { Code, FlagpollError, checkCapacity } from './errors.ts';
import type { ExecutorHooks, Tracer } from './hooks.ts';
import { JoinError, JoinHandle } from './join-handle.ts';
import type { Aborter } from './join-handle.ts';
import { PENDING } from './poll.ts';
import type { Future } from './poll.ts';
import { SpawnError } from './spawn-error.ts';
import { TracingVTable } from './tracing-vtable.ts';
import { Context, Waker } from './waker.ts';
import type { RawWakerVTable } from './waker.ts';

export { SpawnError };

// Slot state bits. A const enum: every use compiles to a literal, so the hot
// path loads no module variable (a bundler turns top-level consts into vars).
const enum S {
  FREE = 0,
  LIVE = 1,
  QUEUED = 2,
  ABORT = 4,
}

export class Executor implements Aborter, RawWakerVTable {
  readonly capacity: number;
  /** Per slot: bumped each time a task in the slot ends. */
  readonly generation: Uint32Array;
  /** Per slot: the slot's one waker and one context, made here and never again. */
  readonly wakers: readonly Waker[];
  readonly contexts: readonly Context[];
  /** Wakes that arrived after stop(), ignored. */
  lateWakes = 0;

  private readonly hooks: ExecutorHooks;
  private readonly tracer: Tracer | null;
  private readonly futures: (Future<unknown> | null)[];
  private readonly handles: (JoinHandle<unknown> | null)[];
  private readonly names: string[];
  /** Per slot: LIVE and QUEUED bits. A freed slot may stay QUEUED until the run queue reaches it. */
  private readonly state: Uint8Array;
  private readonly ring: Uint16Array;
  private head = 0;
  private len = 0;
  private readonly free: Uint16Array;
  private freeTop: number;
  private running = false;
  private stopping = false;
  private stopped = false;

  constructor(capacity: number, hooks: ExecutorHooks, tracer: Tracer | null = null) {
    checkCapacity('Executor', capacity);
    if (capacity > 0xffff) throw new FlagpollError(Code.BadCapacity, 'Executor (at most 65535 tasks)', capacity);
    this.capacity = capacity;
    this.hooks = hooks;
    this.tracer = (typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__) ? tracer : null;
    this.generation = new Uint32Array(capacity);
    this.state = new Uint8Array(capacity);
    this.ring = new Uint16Array(capacity);
    this.free = new Uint16Array(capacity);
    this.freeTop = capacity;
    const futures: (Future<unknown> | null)[] = [];
    const handles: (JoinHandle<unknown> | null)[] = [];
    const names: string[] = [];
    const wakers: Waker[] = [];
    const contexts: Context[] = [];
    for (let i = 0; i < capacity; i++) {
      futures.push(null);
      handles.push(null);
      names.push('');
      // The executor is its wakers' vtable; a tracing one records each wake first.
      const w = new Waker(!(typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__) || tracer === null ? this : new TracingVTable(this, tracer), i);
      wakers.push(w);
      contexts.push(new Context(w));
      this.free[i] = capacity - 1 - i; // slot 0 is taken first
    }
    this.futures = futures;
    this.handles = handles;
    this.names = names;
    this.wakers = wakers;
    this.contexts = contexts;
  }

  /** Tasks alive now. */
  get tasks(): number {
    return this.capacity - this.freeTop;
  }

  /** Slots waiting in the run queue. */
  get ready(): number {
    return this.len;
  }

  /**
   * Put `future` in a free slot and queue it for its first poll. Answers its
   * JoinHandle, or a SpawnError value (kind 'busy' when the table is full;
   * nothing changes then). Spawning allocates the handle: do it at start-up.
   */
  spawn<T>(future: Future<T>, name = 'task'): JoinHandle<T> | SpawnError {
    if (this.stopped || this.stopping) return new SpawnError('stopped', name, this.capacity);
    if (this.freeTop === 0) return new SpawnError('busy', name, this.capacity);
    const slot = this.free[--this.freeTop]!;
    const handle = new JoinHandle<T>(this, slot, this.generation[slot]!, name);
    this.futures[slot] = future;
    this.handles[slot] = handle as JoinHandle<unknown>;
    this.names[slot] = name;
    if ((typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__) && this.tracer !== null) this.tracer.record('spawn', name);
    // A slot freed while queued is still in the run queue: that entry serves.
    if (this.state[slot] === S.QUEUED) this.state[slot] = S.LIVE | S.QUEUED;
    else {
      this.state[slot] = S.LIVE;
      this.wake(slot);
    }
    return handle;
  }

  /**
   * Queue a slot for polling: what every waker of this executor calls.
   * Waking a queued or free slot does nothing. Inside a run, the run picks
   * the slot up itself; from outside, the first slot queued calls pend().
   */
  wake(slot: number): void {
    // Fields read once into locals: on Lua each `this.x` is a table lookup, and `this.len++` a temporary and a keyed store.
    const state = this.state;
    if (state[slot] !== S.LIVE) return this.notQueued(slot);
    state[slot] = S.LIVE | S.QUEUED;
    const len = this.len;
    let tail = this.head + len;
    if (tail >= this.capacity) tail -= this.capacity;
    this.ring[tail] = slot;
    this.len = len + 1;
    if (len === 0 && !this.running) this.hooks.pend();
  }


  /** @internal the name a trace gives a slot: its task's, or #slot when free. */
  nameOf(slot: number): string {
    return (this.state[slot]! & S.LIVE) !== 0 ? this.names[slot]! : '#' + slot;
  }

  /** The vtable's wakeByRef: static wakers are never consumed, so the same as wake. */
  wakeByRef(slot: number): void {
    this.wake(slot);
  }

  /** The vtable's clone: a slot's waker is the one object made for it. */
  clone(slot: number): Waker {
    return this.wakers[slot]!;
  }

  /** The vtable's drop: static wakers own nothing. */
  drop(): void {}

  /** Wake every live task: the fallback of full waiter lists. O(capacity), off the hot path. */
  wakeAll(): void {
    for (let slot = 0; slot < this.capacity; slot++) {
      if (this.state[slot] === S.LIVE) this.wakers[slot]!.wake();
    }
  }



  /** A wake of a slot that is queued already (nothing to do) or free (stale, or after stop). */
  private notQueued(slot: number): void {
    if (this.state[slot] === S.FREE && this.stopped && this.lateWakes++ === 0) {
      this.hooks.report(new FlagpollError(Code.WakeAfterStop, slot));
    }
  }


  /**
   * Poll every slot that is queued now, once, in the order they were woken.
   * Slots woken meanwhile wait for the next pass. Answers the polls made.
   */
  runPass(): number {
    return this.drain(this.len);
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
    return this.len === 0;
  }

  /**
   * The main loop's turn begins: wakes from now on (the reactor's dispatch,
   * timer expiry) are picked up by this turn, so they need no pend(). Answers
   * what to give `endTurn`.
   */
  beginTurn(): boolean {
    const was = this.running;
    this.running = true;
    return was;
  }

  endTurn(was: boolean): void {
    this.running = was;
    if (this.stopping && !was) this.finishStop();
  }

  /** Take up to `entries` slots off the run queue and poll the live ones. Answers the polls made. */
  private drain(entries: number): number {
    const outer = this.running;
    this.running = true;
    const tracer = this.tracer;
    // The readonly tables in locals: on Lua each `this.x` is a table lookup.
    const ring = this.ring;
    const state = this.state;
    const capacity = this.capacity;
    const futures = this.futures;
    const contexts = this.contexts;
    let polls = 0;
    // No `continue` and no `++this.head`: on Lua 5.1 (no goto) TSTL emits a
    // continue as a repeat-until loop with a flag, and ++ of a field as a keyed store.
    for (; entries > 0 && this.len > 0; entries--) {
      let head = this.head;
      const slot = ring[head]!;
      if (++head === capacity) head = 0;
      this.head = head;
      this.len--;
      const st = state[slot]!;
      // Every slot in the run queue has QUEUED set, so this clears it: no `& ~QUEUED`, a C call on Lua 5.1.
      state[slot] = st - S.QUEUED;
      if (st === (S.LIVE | S.QUEUED)) {
        polls++;
        // Untraced first, so the flag is read only when there is a tracer; without the flag the traced path folds away.
        if (tracer === null || !(typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__)) {
          // The poll, inline: on Lua a method call on the executor is a lookup through its metatable.
          let out: unknown;
          try {
            out = futures[slot]!.poll(contexts[slot]!);
          } catch (e) {
            this.fail(slot, e);
            out = PENDING;
          }
          if (out !== PENDING) this.end(slot, out, null);
        } else this.pollSlotTraced(slot, tracer);
      } else if (st > (S.LIVE | S.QUEUED)) {
        // ABORT is the highest bit: above LIVE|QUEUED means aborted during a run (a comparison, not `st & ABORT`,
        // as Lua takes 0 for true). Freed slots are skipped.
        this.abortSlot(slot);
      }
    }
    this.running = outer;
    if (this.stopping && !outer) this.finishStop();
    return polls;
  }

  /** drain's poll, recording each step: kept apart so the untraced path stays short. */
  private pollSlotTraced(slot: number, tracer: Tracer): void {
    if (!(typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__)) return;
    const name = this.names[slot]!;
    tracer.record('poll', name);
    let out: unknown;
    try {
      out = this.futures[slot]!.poll(this.contexts[slot]!);
    } catch (e) {
      return this.fail(slot, e);
    }
    if (out !== PENDING) {
      tracer.record('ready', name);
      this.end(slot, out, null);
      return;
    }
    tracer.record('pending', name);
  }

  private fail(slot: number, e: unknown): void {
    const name = this.names[slot]!;
    if ((typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__) && this.tracer !== null) this.tracer.record('fail', name);
    this.dropFuture(slot);
    const err = new JoinError(Code.TaskThrew, name, e);
    this.end(slot, undefined, err);
    this.hooks.report(err);
  }

  /**
   * @internal JoinHandle.abort(). Outside a run the task is aborted at once.
   * During a run (the task may be the one being polled) it is marked ABORT
   * and queued, and the run aborts it when it comes up, instead of polling.
   */
  abortTask(slot: number, generation: number): boolean {
    const st = this.state[slot]!;
    if ((st & S.LIVE) === 0 || this.generation[slot] !== generation) return false;
    if (!this.running) {
      this.abortSlot(slot);
      return true;
    }
    if (st === S.LIVE) this.wake(slot);
    this.state[slot]! |= S.ABORT;
    return true;
  }

  private abortSlot(slot: number): void {
    const name = this.names[slot]!;
    if ((typeof __FLAGPOLL_TRACE__ === 'undefined' || __FLAGPOLL_TRACE__) && this.tracer !== null) this.tracer.record('abort', name);
    this.dropFuture(slot);
    this.end(slot, undefined, new JoinError(Code.TaskAborted, name));
  }

  private dropFuture(slot: number): void {
    const f = this.futures[slot]!;
    if (f.drop === undefined) return;
    try {
      f.drop();
    } catch (e) {
      this.hooks.report(new JoinError(Code.TaskThrew, this.names[slot]!, e));
    }
  }

  private end(slot: number, value: unknown, error: JoinError | null): void {
    const handle = this.handles[slot]!;
    this.state[slot] = this.state[slot]! & S.QUEUED; // not LIVE, not ABORT; maybe still in the run queue
    this.futures[slot] = null;
    this.handles[slot] = null;
    this.names[slot] = '';
    this.generation[slot] = (this.generation[slot]! + 1) >>> 0;
    this.free[this.freeTop++] = slot;
    handle.settle(value, error);
  }

  /**
   * Stop for good: every live task is aborted (its future dropped, its joiner
   * told), the queue is emptied, and later wakes and spawns are refused with
   * a report instead of touching anything.
   */
  stop(): void {
    if (this.stopped || this.stopping) return;
    for (let slot = 0; slot < this.capacity; slot++) {
      this.abortTask(slot, this.generation[slot]!); // does nothing to a slot that is not LIVE
    }
    // Called from a task: the run aborts the rest and stops when it ends.
    if (this.running) this.stopping = true;
    else this.finishStop();
  }

  private finishStop(): void {
    this.stopping = false;
    this.stopped = true;
    this.len = 0;
    this.state.fill(S.FREE);
  }


  get isStopped(): boolean {
    return this.stopped;
  }
}
