// The runtime: one executor and one timer queue on one platform.
//
// This is what firmware holds. The platform's main loop calls `tick()`
// whenever pend() or the alarm fired; tick fires the due timers, runs the
// tasks until none is ready, and arms the alarm for the next deadline.
//
// Timers are made with functions that take the runtime (`sleep(rt, 200)`,
// `ticker(rt, 500)`, `timeout(rt, f, 100)`, `sleepUntil(rt, t)` in time/),
// not with its methods: a firmware carries only the kinds it uses.

import type { Tracer } from './core/hooks.ts';
import { Executor } from './core/executor.ts';
import type { SpawnError } from './core/executor.ts';
import type { JoinHandle } from './core/join-handle.ts';
import type { Future } from './core/poll.ts';
import type { Platform } from './hal/platform.ts';
import { TimerQueue } from './time/timer-queue.ts';

export interface RuntimeOptions {
  /** Task table size (a board file's `tasks`). */
  tasks: number;
  /** Timers armed at once (a board file's `timers`). */
  timers: number;
  /** Receives every executor step; for tests. */
  tracer?: Tracer | null;
}

/** Interrupt sources whose raised flags the main loop turns into wakes (the reactor). */
export interface EventSource {
  /** Wake the waiters of every raised source. */
  dispatch(): number;
  /** A flag is raised and not yet dispatched. */
  due(): boolean;
}

/** A time-bounded turn reads the clock after this many run-queue entries. */
const POLLS_PER_CLOCK_READ = 4;

export class Runtime {
  readonly executor: Executor;
  readonly timers: TimerQueue;
  readonly platform: Platform;
  private events: EventSource | null = null;

  constructor(platform: Platform, options: RuntimeOptions) {
    this.platform = platform;
    this.executor = new Executor(options.tasks, platform, options.tracer ?? null);
    this.timers = new TimerQueue(platform, options.timers);
  }

  /** Executor.spawn: null, or a SpawnError value. For the task's output, spawnJoin(rt, ...) (core/join-handle.ts). */
  spawn<T>(future: Future<T>, name?: string, join?: JoinHandle<T>): SpawnError | null {
    return this.executor.spawn(future, name, join);
  }

  /** Attach the reactor: its flags are dispatched at every turn of the main loop. */
  attach(events: EventSource): void {
    this.events = events;
  }

  /**
   * One turn of the main loop: turn raised flags into wakes, fire due timers,
   * run tasks until none is ready; again while a flag was raised or a deadline
   * passed meanwhile (an interrupt during a poll is never left waiting); then
   * arm the alarm for the next deadline.
   */
  tick(): void {
    this.tickUntil(Infinity);
  }

  /**
   * `tick`, bounded in time for platforms whose main loop must not be held
   * (NodeMCU: WiFi suffers past ~15 ms): it stops taking tasks off the run
   * queue once the clock reads `until` (ms), a few polls at a time, and
   * answers false when work is left; the platform then runs another turn
   * soon. A poll is never cut short: one that runs long overruns the budget.
   * `tickUntil(Infinity)` is `tick`.
   */
  tickUntil(until: number): boolean {
    const p = this.platform;
    const timers = this.timers;
    const events = this.events;
    const ex = this.executor;
    // Wakes from now on (the reactor's dispatch, timer expiry) are picked up by this turn: they need no pend().
    const was = ex.running;
    ex.running = true;
    let more;
    do {
      if (events !== null) events.dispatch();
      timers.expire(p.now());
      if (until === Infinity) ex.runUntilIdle();
      else while (!ex.runBounded(POLLS_PER_CLOCK_READ) && p.now() < until);
      more = (events !== null && events.due()) || timers.nextDeadline() <= p.now() || ex.head !== null;
    } while (more && p.now() < until);
    ex.running = was;
    p.setAlarm(timers.nextDeadline());
    return !more;
  }

  now(): number {
    return this.platform.now();
  }
}
