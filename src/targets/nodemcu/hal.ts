// The NodeMCU platform: the Hal on NodeMCU's Lua modules, written once; what
// differs between the ESP8266 and the ESP32 (the clock, pin set-up, the
// interrupt callback's form, the UART calls) is left to a chip file,
// esp8266.ts or esp32.ts, whose class extends this one (one object, not a
// platform forwarding to a chip: on an ESP8266 every byte of bytecode counts).
//
// NodeMCU runs Lua callbacks as tasks on one thread, never inside an
// interrupt. GPIO and UART callbacks record into the reactor's sources (the
// interrupt side) and raise a flag; the reactor's pend() posts one turn of
// flagpoll's main loop with node.task.post. A turn is bounded in time
// (Runtime.tickUntil, default 10 ms: a task that holds the CPU past ~15 ms
// starves WiFi) and posts itself again when work is left, so other NodeMCU
// tasks run between slices. One tmr alarm, made once, is re-armed only when
// the earliest deadline changes; it never sleeps longer than the clock's
// wrap allows (clock.ts).
//
// NodeMCU has no debounce: a pin watched with one reports its change once the
// level held that long, at the time it changed, as the simulated board does;
// the wait is one more deadline for the same alarm.

/// <reference path="../../core/build-flags.d.ts" />
import type { Board, Pull } from '../../boards/board.ts';
import type { FlagpollError } from '../../core/errors.ts';
import type { Hal, PinRef } from '../../hal/hal.ts';
import type { PinSource } from '../../reactor/pin-source.ts';
import type { UartPort } from '../../reactor/uart-port.ts';
import type { Runtime } from '../../runtime.ts';
import { READ_AT_LEAST_EVERY_MS, WrappingClock } from './clock.ts';
import type { GpioLevels, NodeModule, Timer, Tmr } from './nodemcu.d.ts';

/**
 * A pin's interrupt, as the platform takes it: `level` after the change,
 * `when` the counter's µs stamp of it (-1: not stamped, use now), `count` the
 * interrupts merged into this call (at least 1).
 */
export type EdgeCallback = (this: void, level: number, when: number, count: number) => void;

/** The modules both chips have and the platform itself calls. */
export interface NodeMcuModules {
  tmr: Tmr;
  node: NodeModule;
  print(this: void, text: string): void;
}

/** A turn's default time budget, ms. */
export const TURN_BUDGET_MS = 10;

/** A watched pin with a debounce time: the change waits until the level has held (a plain table: no class to carry). */
interface Settling {
  readonly pin: number;
  readonly src: PinSource;
  /** When the level has held long enough (Infinity: no change waiting), and when it changed. */
  stableAt: number;
  changedAt: number;
}

export abstract class NodeMcuHal implements Hal {
  /** The chip, as NodeMCU's modules tell it: "ESP8266" or "ESP32". */
  abstract readonly name: string;
  protected readonly tmr: Tmr;
  protected readonly node: NodeModule;
  /** The chip's gpio module (set by the chip's constructor). */
  protected abstract readonly gpio: GpioLevels;
  readonly print: (this: void, text: string) => void;
  private readonly board: Board;
  private readonly buildId: string;
  private readonly budgetMs: number;
  private readonly clock = new WrappingClock();
  private readonly timer: Timer;
  private readonly settling: Settling[] = [];
  private rt: Runtime | null = null;
  private posted = false;
  private inTurn = false;
  /** The runtime's next deadline (ms), and the time the alarm is armed for (-1: not armed). */
  private deadline = Infinity;
  private armedAt = -1;
  private readonly runPosted: (this: void) => void;
  private readonly onAlarm: (this: void) => void;

  constructor(g: NodeMcuModules, board: Board, buildId: string, budgetMs = TURN_BUDGET_MS) {
    this.tmr = g.tmr;
    this.node = g.node;
    this.print = g.print;
    this.board = board;
    this.buildId = buildId;
    this.budgetMs = budgetMs;
    this.timer = g.tmr.create();
    this.runPosted = () => {
      this.posted = false;
      this.turn();
    };
    this.onAlarm = () => {
      this.armedAt = -1;
      this.turn();
    };
  }

  // What a chip file supplies (pins are NodeMCU's numbers: `ref as number`).

  /** The µs counter, 31 bits wide where it wraps (see clock.ts). */
  protected abstract micros(): number;
  abstract output(ref: PinRef, level: number): void;
  write(ref: PinRef, level: number): void {
    this.gpio.write(ref as number, level);
  }
  read(ref: PinRef): number {
    return this.gpio.read(ref as number);
  }
  /** Make `pin` an input with `pull` and call `cb` on each change, both edges. */
  protected abstract watchPin(pin: number, pull: Pull, cb: EdgeCallback): void;
  /** Set up UART `id` at `baud` (8N1) on pins `rx`/`tx` (GPIO numbers; -1: the console's own), and send what it receives to `cb`. */
  protected abstract openPort(id: number, baud: number, rx: number, tx: number, cb: (this: void, data: string) => void): void;
  /** Give the console UART `id` back to the Lua interpreter: its data callback off, echo on at `baud`. */
  protected abstract releaseConsole(id: number, baud: number): void;
  /** Send one byte. */
  protected abstract send(id: number, byte: number): void;

  attach(rt: Runtime): void {
    this.rt = rt;
  }

  /** One time-bounded turn of the main loop; posts the next one when work is left. */
  turn(): void {
    if (this.inTurn || this.rt === null) return;
    this.inTurn = true;
    if (this.settling.length > 0) this.settle();
    const done = this.rt.tickUntil(this.now() + this.budgetMs);
    this.inTurn = false;
    if (!done) this.pend();
    else this.arm();
  }

  /** Debounced pins whose level held: report the change, at the time it happened. */
  private settle(): void {
    const now = this.now();
    for (const s of this.settling) {
      if (s.stableAt <= now) {
        s.stableAt = Infinity;
        const level = this.read(s.pin);
        if (level !== s.src.level) s.src.edge(level, s.changedAt);
      }
    }
  }

  // Platform

  now(): number {
    return this.clock.toMs(this.micros());
  }
  /** Work appeared: post a turn, once. (Inside a turn, the turn under way takes it.) */
  pend(): void {
    if (this.inTurn || this.posted) return;
    this.posted = true;
    this.node.task.post(0, this.runPosted); // LOW_PRIORITY
  }
  idle(): void {}
  /** `flagpoll: <message>`, or without message texts (the NodeMCU build) the message itself: `flagpoll E6 16`. */
  report(error: FlagpollError): void {
    this.print(typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? 'flagpoll: ' + error.message : error.message);
  }
  setAlarm(t: number): void {
    this.deadline = t;
    if (!this.inTurn) this.arm();
  }

  /** Arm the one timer for the earliest of the runtime's deadline and the pins' settling times, if that changed. */
  private arm(): void {
    let t = this.deadline;
    for (const s of this.settling) if (s.stableAt < t) t = s.stableAt;
    if (t === this.armedAt) return;
    this.armedAt = t;
    const wait = Math.ceil(t - this.now());
    // tmr wants whole ms >= 1; past the clock's limit the alarm only reads the clock, and re-arms.
    this.timer.alarm(wait < 1 ? 1 : wait > READ_AT_LEAST_EVERY_MS ? READ_AT_LEAST_EVERY_MS : wait, this.tmr.ALARM_SINGLE, this.onAlarm);
  }

  // Pins

  watch(ref: PinRef, pull: Pull, debounceMs: number, src: PinSource): void {
    const pin = ref as number;
    const clock = this.clock;
    const s: Settling | null = debounceMs > 0 ? { pin, src, stableAt: Infinity, changedAt: 0 } : null;
    if (s !== null) this.settling.push(s);
    this.watchPin(pin, pull, (level, when, count) => {
      const now = this.now();
      const t = when < 0 ? now : clock.stampMs(when);
      if (s !== null) {
        s.changedAt = t;
        s.stableAt = t + debounceMs;
        return this.arm();
      }
      // Merged interrupts are edges too: the level alternates from the first one's.
      for (let i = 0; i < count; i++) {
        src.edge(level, t);
        level = 1 - level;
      }
    });
    src.level = this.read(pin);
  }

  // UARTs

  /**
   * Opening the console takes it from Lua, so first one line says which build
   * this is (`flagpoll flash` confirms the build by it, nothing answers at the
   * prompt after) and how to get Lua back: a Ctrl-C (3) on the console.
   */
  openUart(id: string, baud: number, port: UartPort): void {
    const n = uartNumber(id);
    const con = id === this.board.console;
    const u = this.board.uarts[id]!;
    const pins = this.board.pins;
    if (con) this.print(`flagpoll build ${this.buildId}: ${id} is the firmware's input now; Ctrl-C on ${id} gives it back to Lua`);
    this.openPort(n, baud, con ? -1 : (pins[u.rx!]!.pin as number), con ? -1 : (pins[u.tx!]!.pin as number), (data) => {
      for (let i = 0; i < data.length; i++) {
        const b = data.charCodeAt(i);
        if (b === 3 && con) return this.releaseConsole(n, baud);
        port.receive(b);
      }
    });
  }
  /** NodeMCU's UART driver buffers transmission: hand it every byte now. */
  kick(port: UartPort): void {
    const id = uartNumber(port.id);
    for (let b = port.takeTx(); b >= 0; b = port.takeTx()) this.send(id, b);
  }
}

/** "uart0" -> 0: board files name NodeMCU's UARTs uart<id>. */
function uartNumber(this: void, id: string): number {
  return id.charCodeAt(4) - 48;
}
