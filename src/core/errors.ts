// Every error flagpoll reports, numbered, in one place.
//
// On a chip, strings cost RAM: the hot paths carry a code and the one or two
// values that explain it, and the message text is built from this table only
// when an error is actually made. Codes never change meaning once shipped.
//
// The Espruino build leaves the table out (__FLAGPOLL_MESSAGES__, see
// build-flags.d.ts): there an error reads `flagpoll E6 16`, the code from the
// enum below and the values it names.

/// <reference path="./build-flags.d.ts" />

export enum Code {
  /** spawn: the task table is full. */
  SpawnBusy = 1,
  /** a task's poll threw; the task is failed, the others go on. */
  TaskThrew = 2,
  /** a waker was called after its executor stopped; ignored. */
  WakeAfterStop = 3,
  /** a duration that is negative, NaN or infinite. */
  BadDuration = 4,
  /** a capacity that is not a whole number of at least 1. */
  BadCapacity = 5,
  /** the timer queue is full: more timers armed at once than it holds. */
  TimerQueueFull = 6,
  /** spawn after the executor stopped. */
  SpawnAfterStop = 7,
  /** a task was aborted through its JoinHandle. */
  TaskAborted = 8,
  /** a future was polled again after it finished and it is not reusable. */
  PolledAfterReady = 9,
  /** unlock of a mutex that is not locked. */
  UnlockNotLocked = 10,
  /** a time or deadline that is not a finite number. */
  BadInstant = 11,
  /** firmware named a pin, LED or button the board does not have. */
  UnknownPin = 12,
  /** waitFor on a pin without the irq capability. */
  NoInterrupt = 13,
  /** firmware named a UART the board does not have. */
  UnknownUart = 14,
  /** one pin asked for as input and as output, or an output on an input-only pin. */
  PinConflict = 15,
}

const describe: { [code: number]: (a: unknown, b: unknown) => string } | null = typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? {
  [Code.SpawnBusy]: (cap, name) =>
    `spawn "${name}": the task table is full (${cap} tasks); raise \`tasks\` in the board file or the executor's capacity`,
  [Code.TaskThrew]: (name, err) => `task "${name}" threw: ${errText(err)}`,
  [Code.WakeAfterStop]: (slot) => `a waker of task slot ${slot} was called after its executor stopped; the wake was ignored`,
  [Code.BadDuration]: (what, v) => `${what}: the duration must be a finite number of milliseconds >= 0, got ${valueText(v)}`,
  [Code.BadCapacity]: (what, v) => `${what}: the capacity must be a whole number >= 1, got ${valueText(v)}`,
  [Code.TimerQueueFull]: (cap) =>
    `the timer queue is full (${cap} timers armed at once); raise \`timers\` in the board file or the runtime's timer capacity`,
  [Code.SpawnAfterStop]: (name) => `spawn "${name}": the executor has stopped`,
  [Code.TaskAborted]: (name) => `task "${name}" was aborted`,
  [Code.PolledAfterReady]: (what) => `${what} was polled after it finished`,
  [Code.UnlockNotLocked]: (what) => `${what}: unlock() of a mutex that is not locked`,
  [Code.BadInstant]: (what, v) => `${what}: the time must be a finite number of milliseconds, got ${valueText(v)}`,
  [Code.UnknownPin]: (board, what) => `board ${board} has no ${what}`,
  [Code.NoInterrupt]: (board, pin) => `${pin} on board ${board} cannot interrupt (no irq capability in the board file): waitFor needs a pin that can`,
  [Code.UnknownUart]: (board, what) => `board ${board} has no UART ${what}`,
  [Code.PinConflict]: (board, what) => `board ${board}: ${what}`,
} : null;

/** A value as JavaScript prints it: Lua's tostring answers "nan" or "-nan" for NaN and "inf" for Infinity. */
function valueText(v: unknown): string {
  if (v !== v) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return String(v);
}

/** Without the table: the code and its values, `flagpoll E6 16`. */
function codeText(code: Code, a: unknown, b: unknown): string {
  return 'flagpoll E' + code + (a === undefined ? '' : ' ' + String(a)) + (b === undefined ? '' : ' ' + String(b));
}

function errText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** An error flagpoll reports: a numbered code and the values that explain it. */
export class FlagpollError extends Error {
  readonly code: Code;
  readonly a: unknown;
  readonly b: unknown;
  constructor(code: Code, a?: unknown, b?: unknown) {
    super(describe === null ? codeText(code, a, b) : describe[code]!(a, b));
    this.name = 'FlagpollError';
    this.code = code;
    this.a = a;
    this.b = b;
  }
}

/** The message for a code, for platforms that report codes without throwing. */
export function explain(code: Code, a?: unknown, b?: unknown): string {
  if (describe === null) return codeText(code, a, b);
  const d = describe[code];
  return d !== undefined ? d(a, b) : `flagpoll error ${code}`;
}

/** Throws BadDuration unless `ms` is a finite number >= 0. */
export function checkDuration(what: string, ms: number): void {
  if (!(ms >= 0) || ms === Infinity) throw new FlagpollError(Code.BadDuration, what, ms);
}

/** Throws BadCapacity unless `n` is a whole number >= 1. */
export function checkCapacity(what: string, n: number): void {
  if (typeof n !== 'number' || !(n >= 1) || n % 1 !== 0 || n > 0x7fffffff) throw new FlagpollError(Code.BadCapacity, what, n);
}
