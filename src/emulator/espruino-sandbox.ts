// EspruinoSandbox: built Espruino firmware (app.js) in a node:vm context
// whose globals are the Espruino API, wired to a SimBoard in virtual time.
//
// The firmware brings its own platform (EspruinoHal over setWatch, Serial,
// setTimeout ...), so the SimBoard only plays the hardware and the outside
// world: pin levels and output history, UART bytes at the baud, the clock.
// The sandbox is the interpreter's main loop (it is the SimBoard's MainLoop):
//
//   interrupt side (SimBoard edge sink, UART receive)
//       -> event FIFO (256 entries; a full FIFO drops and sets FIFO_FULL)
//       -> sim.pend()
//   tick (one jsiIdle, src/jsinteractive.c):
//       1. the events queued before it began: pin watches run now,
//          UART bytes become 'data' callbacks for step 3
//       2. the due timers (espruino-timers.ts), in list order
//       3. the queued 'data' callbacks
//       then sim.pend() if work is left, and the alarm at the next deadline.
//
// So `sim.advanceTo` moves flagpoll's alarm (a setTimeout here), debounce
// timeouts and every other timer in time order, and each callback runs from
// the loop, never inside another. A callback that throws is logged as
// Espruino does ("Uncaught Error: ..."), kept in `errors`, reported to the
// SimBoard (so a scenario step fails), and the loop goes on. Console lines
// "flagpoll: ..." (what EspruinoHal.report prints) are reported the same way,
// and so are "flagpoll E6 16" lines (a build without message texts).
//
// process.memory() is an estimate of the interpreter's own bookkeeping in
// JsVars (timers, watches, listeners, queued callbacks; see MEMORY_VARS),
// plus `usageProbe` when given: not the firmware's heap, which a node:vm
// cannot count (the allocation audit does, see src/audit).
//
// The console: input on the console device (the board file's `console`)
// goes to the REPL, as on a board, not to that Serial's 'data' listeners,
// until firmware moves the console with `<device>.setConsole()` (flagpoll's
// Espruino platform moves it to LoopbackA). Here the REPL only keeps what it
// was sent (`replInput`); the board that takes uploads runs it
// (espruino-live-board.ts).
//
// Knowingly not here: console output on the console UART (it is kept in
// `log`), string callbacks (eval), pin arrays in digitalRead/Write,
// analog, PWM, I2C/SPI, Storage, save(), deep sleep, E.on events, the STM32
// rule that two watched pins may not share a number, the interpreter's
// speed (every callback takes no virtual time) and its memory limits.

import vm from 'node:vm';
import type { Board } from '../boards/board.ts';
import { Code, FlagpollError } from '../core/errors.ts';
import type { SimBoard } from './sim-board.ts';
import { EspruinoPins } from './espruino-pins.ts';
import type { EspruinoPin } from './espruino-pins.ts';
import { EspruinoSerial } from './espruino-serial.ts';
import { EspruinoTimers } from './espruino-timers.ts';
import { espruinoApi } from './espruino-api.ts';
import type { Callback, TimerEntry } from './espruino-timers.ts';

/** Estimated JsVars per item of the interpreter's bookkeeping, for process.memory(). */
export const MEMORY_VARS = { timer: 6, watch: 10, listener: 2, queued: 3 } as const;

/** A problem built firmware made known: its "flagpoll: ..." console line or an uncaught exception, as the SimBoard's reports hold them. */
export class FirmwareReport extends FlagpollError {
  constructor(text: string) {
    super(Code.TaskThrew, 'firmware', text);
    this.name = 'FirmwareReport';
    this.message = text;
  }
}

export interface SandboxOptions {
  /** Event FIFO entries (default 256). */
  fifo?: number;
  /** Added to process.memory().usage, e.g. an allocation audit's count. */
  usageProbe?: () => number;
}

export interface LogLine {
  /** Virtual ms. */
  t: number;
  text: string;
}

export interface UncaughtError extends LogLine {
  where: string;
  error: unknown;
}

type FifoEvent = { pin: EspruinoPin; level: number; time: number; serial: null; data: '' } | { pin: null; level: 0; time: number; serial: EspruinoSerial; data: string };

export class EspruinoSandbox {
  readonly board: Board;
  readonly timers: EspruinoTimers;
  readonly pins: EspruinoPins;
  readonly serials = new Map<string, EspruinoSerial>();
  /** console.log and print, in order. */
  readonly log: LogLine[] = [];
  readonly errors: UncaughtError[] = [];
  /** E.setFlags, merged. */
  readonly flags: Record<string, unknown> = {};
  private readonly errorFlags = new Set<string>();
  private readonly fifo: FifoEvent[] = [];
  private readonly fifoSize: number;
  private readonly queued: { serial: EspruinoSerial; data: string }[] = [];
  private api: Record<string, unknown> | null = null;
  /** The device the console (REPL) is on: the board file's `console` until setConsole moves it. */
  consoleDevice: string;
  /** Bytes the REPL was sent (console-device input while the console is there). */
  replInput = '';

  constructor(readonly sim: SimBoard, private readonly options: SandboxOptions = {}) {
    this.board = sim.board;
    if (this.board.target !== 'espruino') throw new Error(`board ${this.board.id} runs ${this.board.target} firmware, not Espruino's`);
    this.fifoSize = options.fifo ?? 256;
    this.consoleDevice = this.board.console;
    this.timers = new EspruinoTimers(() => sim.time, () => sim.setAlarm(this.timers.nextDeadline()), (t) => this.fire(t));
    this.pins = new EspruinoPins(sim, this.board, this.timers, this);
    for (const id of Object.keys(this.board.uarts)) this.serials.set(id, new EspruinoSerial(id, this.board.uarts[id]!, sim, this));
    sim.attach(this);
  }

  // --- interrupt side ------------------------------------------------------

  private push(e: FifoEvent): boolean {
    if (this.fifo.length >= this.fifoSize) {
      this.errorFlags.add('FIFO_FULL');
      return false;
    }
    this.fifo.push(e);
    this.sim.pend();
    return true;
  }
  queueEdge(pin: EspruinoPin, level: number, time: number): void {
    if (this.pins.isWatched(pin)) this.push({ pin, level, time, serial: null, data: '' });
  }
  queueRx(serial: EspruinoSerial, byte: number): void {
    if (serial.id === this.consoleDevice) {
      this.toRepl(byte);
      return;
    }
    const last = this.fifo[this.fifo.length - 1];
    if (last !== undefined && last.serial === serial) last.data += String.fromCharCode(byte);
    else this.push({ pin: null, level: 0, time: this.sim.time, serial, data: String.fromCharCode(byte) });
  }

  /** A byte for the REPL. */
  protected toRepl(byte: number): void {
    this.replInput += String.fromCharCode(byte);
  }
  setConsole(id: string): void {
    this.consoleDevice = id;
  }

  // --- the loop --------------------------------------------------------------

  /** One turn of Espruino's idle loop (the SimBoard calls it after pend() or at the alarm). */
  tick(): void {
    const n = this.fifo.length;
    const events = this.fifo.splice(0, n);
    for (const e of events) {
      if (e.pin !== null) this.pins.onEvent(e.pin, e.level, e.time);
      else this.queued.push({ serial: e.serial, data: e.data });
    }
    this.timers.runDue(this.sim.time);
    const calls = this.queued.splice(0, this.queued.length);
    for (const c of calls) c.serial.deliver(c.data);
    if (this.fifo.length > 0 || this.queued.length > 0) this.sim.pend();
    this.sim.setAlarm(this.timers.nextDeadline());
  }

  private fire(t: TimerEntry): void {
    if (t.debounce !== null) this.pins.onDebounce(t);
    else this.call(t.interval > 0 ? 'setInterval callback' : 'setTimeout callback', t.fn!, t.args);
  }

  /** Run a firmware callback; what it throws is logged, kept and reported, and the loop goes on. */
  call(where: string, fn: Callback, args: readonly unknown[]): void {
    try {
      Reflect.apply(fn, undefined, args);
    } catch (e) {
      this.uncaught(where, e);
    }
  }

  private uncaught(where: string, error: unknown): void {
    const text = errorText(error);
    this.console(`Uncaught ${text}`);
    this.errors.push({ t: this.sim.time, text, where, error });
    this.sim.report(new FirmwareReport(`uncaught ${text} in ${where}`));
  }

  /** console.log and print: kept with the time; "flagpoll: ..." and "flagpoll E<code> ..." lines are reported. */
  console(text: string): void {
    this.log.push({ t: this.sim.time, text });
    if (text.startsWith('flagpoll: ')) this.sim.report(new FirmwareReport(text.slice('flagpoll: '.length)));
    else if (/^flagpoll E\d/.test(text)) this.sim.report(new FirmwareReport(text));
  }

  // --- what the firmware sees -------------------------------------------------

  /** process.memory(), see MEMORY_VARS. */
  memory(): { free: number; usage: number; total: number; history: number; gc: number; gctime: number; blocksize: number } {
    const s = this.stats();
    const usage = s.timers * MEMORY_VARS.timer + s.watches * MEMORY_VARS.watch + s.listeners * MEMORY_VARS.listener
      + (this.fifo.length + this.queued.length) * MEMORY_VARS.queued + (this.options.usageProbe?.() ?? 0);
    const total = this.board.jsVars ?? 5100;
    return { free: total - usage, usage, total, history: 0, gc: 0, gctime: 0, blocksize: 14 };
  }

  /** The globals of the firmware's context (made once; see espruino-api.ts). */
  globals(): Record<string, unknown> {
    if (this.api === null) this.api = espruinoApi(this);
    return this.api;
  }

  /** E.getErrorFlags(): the flags raised since the last call, which clears them. */
  takeErrorFlags(): string[] {
    const f = [...this.errorFlags];
    this.errorFlags.clear();
    return f;
  }

  /** Run `code` (app.js) in a fresh context with these globals. A throw at load is logged and reported as on the device; the context is returned either way. */
  run(code: string, filename = 'app.js'): vm.Context {
    const context = vm.createContext({ ...this.globals() });
    (context as Record<string, unknown>).global = vm.runInContext('globalThis', context);
    try {
      vm.runInContext(code, context, { filename });
    } catch (e) {
      this.uncaught(`${filename} at load`, e);
    }
    return context;
  }

  /** Counts for tests and the CLI. */
  stats(): { timers: number; watches: number; listeners: number; pendingTx: number } {
    let listeners = 0;
    let pendingTx = 0;
    for (const s of this.serials.values()) {
      listeners += s.listeners.length;
      pendingTx += s.pendingTx;
    }
    return { timers: this.timers.list.length, watches: this.pins.watches.length, listeners, pendingTx };
  }
}

/** "Error: boom" for an Error of any realm, else the value as text. */
export function errorText(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e) {
    const name = (e as { name?: unknown }).name;
    return `${typeof name === 'string' ? name : 'Error'}: ${String((e as { message: unknown }).message)}`;
  }
  return String(e);
}
