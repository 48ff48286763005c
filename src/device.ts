// The device: what firmware gets in hand. Its board's LEDs, buttons, pins and
// UARTs, and the runtime its tasks run on.
//
// `Device<B>` is typed by the board (or the union of boards) the firmware is
// written for, so naming a pin, LED, button or UART that B lacks fails to
// compile; for a union, only names every board in it has are accepted. The
// same names are checked again at run time against the board file, for
// firmware built without types and for scenarios, with a message that names
// the board and lists what it has.
//
// Everything here is made at start-up: the first call for a pin makes its
// reactor source, later calls answer the same object.
//
// Levels are compared with 0 and 1, never used as conditions: compiled to Lua,
// 0 is true.
//
// The device itself drives outputs and LEDs only. Inputs, buttons and UARTs
// are opened with free functions (`input(dev, 'A0')`, `button(dev, 'BTN1')`,
// `uart(dev, 'console')` in device-input.ts and device-uart.ts), so a
// firmware carries the code of what it opens and nothing else: on Espruino,
// where every byte of code costs RAM, a blink without a UART carries no UART.
//
// Without messages (the Espruino build, see core/build-flags.d.ts) an error
// names the pin, LED, button or UART asked for, not the board's whole list.

/// <reference path="./core/build-flags.d.ts" />
import type { Board } from './boards/board.ts';
import type { BoardId, LedName, PinName } from './boards/catalog.ts';
import { Code, FlagpollError } from './core/errors.ts';
import type { Tracer } from './core/hooks.ts';
import type { Hal } from './hal/hal.ts';
import type { InputPin } from './device-input.ts';
import type { Reactor } from './reactor/reactor.ts';
import type { UartPort } from './reactor/uart-port.ts';
import { Runtime } from './runtime.ts';

/** The keys of `o`, or "none". (Not `join() || 'none'`: compiled to Lua, the empty string is true.) */
export function names(o: object): string {
  const keys = Object.keys(o);
  return keys.length > 0 ? keys.join(', ') : 'none';
}

export class OutputPin {
  constructor(readonly name: string, private readonly hal: Hal, private readonly ref: string | number, public level: number) {}
  write(level: number): void {
    this.level = level !== 0 ? 1 : 0;
    this.hal.write(this.ref, this.level);
  }
  toggle(): void {
    this.write(this.level ^ 1);
  }
}

/** An LED, on and off whatever level lights it. */
export class Led {
  constructor(readonly name: string, private readonly pin: OutputPin, private readonly onLevel: number) {}
  get isOn(): boolean {
    return this.pin.level === this.onLevel;
  }
  set(on: boolean): void {
    this.pin.write(on ? this.onLevel : this.onLevel ^ 1);
  }
  on(): void {
    this.set(true);
  }
  off(): void {
    this.set(false);
  }
  toggle(): void {
    this.set(!this.isOn);
  }
}

export interface DeviceOptions {
  tracer?: Tracer | null;
  /** Transmit ring per UART, bytes (default 64). */
  txBuffer?: number;
}

export class Device<B extends BoardId = BoardId> {
  readonly board: Board;
  readonly rt: Runtime;
  /** The reactor: made when the first input or UART is opened (device-reactor.ts), null until then. */
  reactor: Reactor | null = null;
  /** The target's pins and UARTs; input(), button() and uart() open theirs through it. */
  readonly hal: Hal;
  /** Transmit ring per UART, bytes. */
  readonly txBuffer: number;
  // What is open, by name: a second call answers the same object, and a pin
  // cannot be both. Plain objects, not Maps: Espruino has no Map.
  /** @internal */
  readonly inputPins: { [name: string]: InputPin | undefined } = {};
  /** @internal */
  readonly outputPins: { [name: string]: OutputPin | undefined } = {};
  /** @internal */
  readonly openUarts: { [id: string]: UartPort | undefined } = {};

  constructor(board: Board, hal: Hal, options: DeviceOptions = {}) {
    this.board = board;
    this.hal = hal;
    this.txBuffer = options.txBuffer ?? 64;
    this.rt = new Runtime(hal, { tasks: board.tasks, timers: board.timers, tracer: options.tracer ?? null });
  }

  /** The board's pin `name`; throws UnknownPin naming `what` it was asked for. */
  pinOf(name: string, what: string): Board['pins'][string] {
    const p = this.board.pins[name];
    if (p === undefined) throw new FlagpollError(Code.UnknownPin, this.board.id, typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? `${what} "${name}" (pins: ${Object.keys(this.board.pins).join(', ')})` : name);
    return p;
  }

  /** An output pin, driven at `level` from now. */
  output(name: PinName<B>, level = 0): OutputPin {
    const known = this.outputPins[name];
    if (known !== undefined) return known;
    const p = this.pinOf(name, 'pin');
    if (p.inputOnly || this.inputPins[name] !== undefined) {
      throw new FlagpollError(Code.PinConflict, this.board.id, typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__
        ? (p.inputOnly ? `pin ${name} is input-only; it cannot be an output` : `pin ${name} is an input already; it cannot also be an output`)
        : name);
    }
    this.hal.output(p.pin, level);
    const out = new OutputPin(name, this.hal, p.pin, level !== 0 ? 1 : 0);
    this.outputPins[name] = out;
    return out;
  }

  led(name: LedName<B>): Led {
    const l = this.board.leds[name];
    if (l === undefined) throw new FlagpollError(Code.UnknownPin, this.board.id, typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? `LED "${name}" (LEDs: ${names(this.board.leds)})` : name);
    const onLevel = l.activeLevel === 'high' ? 1 : 0;
    return new Led(name, this.output(l.pin as PinName<B>, onLevel ^ 1), onLevel);
  }
}

/** What a firmware module exports by default. */
export type Firmware<B extends BoardId = BoardId> = (dev: Device<B>) => void;
