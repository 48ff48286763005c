// The NodeMCU platform: the Hal on NodeMCU's Lua modules (through chip.ts).
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
import type { Chip } from './chip.ts';
import { READ_AT_LEAST_EVERY_MS, WrappingClock } from './clock.ts';
import type { Timer } from './nodemcu.d.ts';

/** A turn's default time budget, ms. */
export const TURN_BUDGET_MS = 10;

/** A watched pin with a debounce time: the change waits until the level has held. */
class Settling {
  stableAt = Infinity;
  changedAt = 0;
  constructor(readonly pin: number, readonly ms: number, readonly src: PinSource) {}
}

export class NodeMcuHal implements Hal {
  private readonly chip: Chip;
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

  constructor(chip: Chip, board: Board, buildId: string, budgetMs = TURN_BUDGET_MS) {
    this.chip = chip;
    this.board = board;
    this.buildId = buildId;
    this.budgetMs = budgetMs;
    this.timer = chip.tmr.create();
    this.runPosted = () => {
      this.posted = false;
      this.turn();
    };
    this.onAlarm = () => {
      this.armedAt = -1;
      this.turn();
    };
  }

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
      if (s.stableAt > now) continue;
      s.stableAt = Infinity;
      const level = this.chip.read(s.pin);
      if (level !== s.src.level) s.src.edge(level, s.changedAt);
    }
  }

  // Platform

  now(): number {
    return this.clock.toMs(this.chip.micros());
  }
  /** Work appeared: post a turn, once. (Inside a turn, the turn under way takes it.) */
  pend(): void {
    if (this.inTurn || this.posted) return;
    this.posted = true;
    this.chip.node.task.post(this.chip.node.task.LOW_PRIORITY, this.runPosted);
  }
  idle(): void {}
  /** `flagpoll: <message>`, or without message texts (the NodeMCU build) the message itself: `flagpoll E6 16`. */
  report(error: FlagpollError): void {
    this.chip.print(typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? 'flagpoll: ' + error.message : error.message);
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
    this.timer.alarm(wait < 1 ? 1 : wait > READ_AT_LEAST_EVERY_MS ? READ_AT_LEAST_EVERY_MS : wait, this.chip.tmr.ALARM_SINGLE, this.onAlarm);
  }

  // Pins

  output(ref: PinRef, level: number): void {
    this.chip.output(ref as number, level);
  }
  write(ref: PinRef, level: number): void {
    this.chip.write(ref as number, level);
  }
  read(ref: PinRef): number {
    return this.chip.read(ref as number);
  }
  watch(ref: PinRef, pull: Pull, debounceMs: number, src: PinSource): void {
    const pin = ref as number;
    const clock = this.clock;
    if (debounceMs > 0) {
      const s = new Settling(pin, debounceMs, src);
      this.settling.push(s);
      this.chip.watch(pin, pull, (_level, when) => {
        const now = this.now();
        s.changedAt = when < 0 ? now : clock.stampMs(when);
        s.stableAt = s.changedAt + s.ms;
        this.arm();
      });
    } else {
      this.chip.watch(pin, pull, (level, when, count) => {
        const now = this.now();
        const t = when < 0 ? now : clock.stampMs(when);
        // Merged interrupts are edges too: the level alternates from the first one's.
        for (let i = 0; i < count; i++) {
          src.edge(level, t);
          level = 1 - level;
        }
      });
    }
    src.level = this.chip.read(pin);
  }

  // UARTs

  /**
   * Opening the console takes it from Lua, so first one line says which build
   * this is (`flagpoll flash` confirms the build by it, nothing answers at the
   * prompt after) and how to get Lua back: a Ctrl-C (3) on the console.
   */
  openUart(id: string, baud: number, port: UartPort): void {
    const chip = this.chip;
    const n = uartNumber(id);
    const con = id === this.board.console;
    const u = this.board.uarts[id]!;
    const pins = this.board.pins;
    if (con) chip.print(`flagpoll build ${this.buildId}: ${id} is the firmware's input now; Ctrl-C on ${id} gives it back to Lua`);
    chip.openUart(n, baud, con ? -1 : (pins[u.rx!]!.pin as number), con ? -1 : (pins[u.tx!]!.pin as number), (data) => {
      for (let i = 0; i < data.length; i++) {
        const b = data.charCodeAt(i);
        if (b === 3 && con) return chip.releaseConsole(n, baud);
        port.receive(b);
      }
    });
  }
  /** NodeMCU's UART driver buffers transmission: hand it every byte now. */
  kick(port: UartPort): void {
    const id = uartNumber(port.id);
    for (let b = port.takeTx(); b >= 0; b = port.takeTx()) this.chip.send(id, b);
  }
}

/** "uart0" -> 0: board files name NodeMCU's UARTs uart<id>. */
function uartNumber(id: string): number {
  return id.charCodeAt(4) - 48;
}
