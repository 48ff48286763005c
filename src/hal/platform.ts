// What a target implements so the runtime can run on it.
//
// The executor needs pend/idle/report (core/hooks.ts); the timer queue needs a
// clock; the runtime needs one hardware alarm. Pins and UARTs join this
// interface with the reactor. A target drives the runtime by calling
// `Runtime.tick()` from its main loop when pend() or the alarm says so.

import type { ExecutorHooks } from '../core/hooks.ts';
import type { Clock } from '../time/timer-queue.ts';

export interface Platform extends ExecutorHooks, Clock {
  /** Arm the one hardware timer to call the main loop at time `t` (ms); Infinity disarms it. */
  setAlarm(t: number): void;
}
