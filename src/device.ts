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
// Without messages (the Espruino build, see core/build-flags.d.ts) an error
// names the pin, LED, button or UART asked for, not the board's whole list.

/// <reference path="./core/build-flags.d.ts" />
import type { Board, Pull } from './boards/board.ts';
import type { BoardId, ButtonName, LedName, PinName, UartId } from './boards/catalog.ts';
import { Code, FlagpollError } from './core/errors.ts';
import type { Tracer } from './core/hooks.ts';
import type { Hal } from './hal/hal.ts';
import type { PinEdge, PinSource, PinWait } from './reactor/pin-source.ts';
import { Reactor } from './reactor/reactor.ts';
import type { UartPort } from './reactor/uart-port.ts';
import { Runtime } from './runtime.ts';

export interface InputOptions {
  pull?: Pull;
  /** Ignore changes shorter than this (ms); the edge is reported once the level held that long. */
  debounce?: number;
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

export class InputPin {
  constructor(readonly name: string, private readonly board: Board, private readonly hal: Hal, private readonly ref: string | number, readonly source: PinSource, readonly canInterrupt: boolean) {}
  read(): number {
    return this.hal.read(this.ref);
  }
  /** A future for the next event of this kind (see PinWait). Throws when the pin cannot interrupt. */
  waitFor(edge: PinEdge): PinWait {
    if (!this.canInterrupt) throw new FlagpollError(Code.NoInterrupt, this.board.id, this.name);
    return this.source.waitFor(edge);
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

/** A button, pressed and released whatever level it reads when held. */
export class Button {
  constructor(readonly name: string, readonly input: InputPin, private readonly pressedLevel: number) {}
  get isPressed(): boolean {
    return this.input.read() === this.pressedLevel;
  }
  /** A future ready at each press (see PinWait: merged presses are counted). */
  waitPress(): PinWait {
    return this.input.waitFor(this.pressedLevel !== 0 ? 'rising' : 'falling');
  }
  waitRelease(): PinWait {
    return this.input.waitFor(this.pressedLevel !== 0 ? 'falling' : 'rising');
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
  readonly reactor: Reactor;
  private readonly hal: Hal;
  private readonly txBuffer: number;
  // Plain objects, not Maps: Espruino has no Map.
  private readonly inputs: { [name: string]: InputPin | undefined } = {};
  private readonly outputs: { [name: string]: OutputPin | undefined } = {};
  private readonly uarts: { [id: string]: UartPort | undefined } = {};

  constructor(board: Board, hal: Hal, options: DeviceOptions = {}) {
    this.board = board;
    this.hal = hal;
    this.txBuffer = options.txBuffer ?? 64;
    this.rt = new Runtime(hal, { tasks: board.tasks, timers: board.timers, tracer: options.tracer ?? null });
    const flags = Object.keys(board.pins).length + 2 * Object.keys(board.uarts).length;
    this.reactor = new Reactor(flags, () => hal.pend());
    this.rt.attach(this.reactor);
  }

  private pinOf(name: string, what: string) {
    const p = this.board.pins[name];
    if (p === undefined) throw new FlagpollError(Code.UnknownPin, this.board.id, typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? `${what} "${name}" (pins: ${Object.keys(this.board.pins).join(', ')})` : name);
    return p;
  }

  /** An output pin, driven at `level` from now. */
  output(name: PinName<B>, level = 0): OutputPin {
    const known = this.outputs[name];
    if (known !== undefined) return known;
    const p = this.pinOf(name, 'pin');
    if (this.inputs[name] !== undefined) throw new FlagpollError(Code.PinConflict, this.board.id, typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? `pin ${name} is an input already; it cannot also be an output` : name);
    if (p.inputOnly) throw new FlagpollError(Code.PinConflict, this.board.id, typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? `pin ${name} is input-only; it cannot be an output` : name);
    this.hal.output(p.pin, level);
    const out = new OutputPin(name, this.hal, p.pin, level !== 0 ? 1 : 0);
    this.outputs[name] = out;
    return out;
  }

  /** An input pin whose changes the reactor records (when the pin can interrupt). */
  input(name: PinName<B>, options: InputOptions = {}): InputPin {
    const known = this.inputs[name];
    if (known !== undefined) return known;
    const p = this.pinOf(name, 'pin');
    if (this.outputs[name] !== undefined) throw new FlagpollError(Code.PinConflict, this.board.id, typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? `pin ${name} is an output already; it cannot also be an input` : name);
    const canInterrupt = p.caps.indexOf('irq') >= 0;
    const src = this.reactor.addPin(name, 0);
    if (canInterrupt) this.hal.watch(p.pin, options.pull ?? 'none', options.debounce ?? 0, src);
    const input = new InputPin(name, this.board, this.hal, p.pin, src, canInterrupt);
    this.inputs[name] = input;
    return input;
  }

  led(name: LedName<B>): Led {
    const l = this.board.leds[name];
    if (l === undefined) throw new FlagpollError(Code.UnknownPin, this.board.id, typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? `LED "${name}" (LEDs: ${Object.keys(this.board.leds).join(', ') || 'none'})` : name);
    const onLevel = l.activeLevel === 'high' ? 1 : 0;
    return new Led(name, this.output(l.pin as PinName<B>, onLevel ^ 1), onLevel);
  }

  button(name: ButtonName<B>, options: { debounce?: number } = {}): Button {
    const b = this.board.buttons[name];
    if (b === undefined) throw new FlagpollError(Code.UnknownPin, this.board.id, typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? `button "${name}" (buttons: ${Object.keys(this.board.buttons).join(', ') || 'none'})` : name);
    const input = this.input(b.pin as PinName<B>, { pull: b.pull ?? 'none', debounce: options.debounce ?? 0 });
    return new Button(name, input, b.pressed === 'high' ? 1 : 0);
  }

  /** A UART by id, or 'console' for the board's console. */
  uart(id: UartId<B> | 'console', options: { baud?: number } = {}): UartPort {
    const real = id === 'console' ? this.board.console : id;
    const known = this.uarts[real];
    if (known !== undefined) return known;
    const u = this.board.uarts[real];
    if (u === undefined) throw new FlagpollError(Code.UnknownUart, this.board.id, typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? `"${id}" (UARTs: ${Object.keys(this.board.uarts).join(', ')})` : id);
    const port = this.reactor.addUart(real, u.rxBuffer, this.txBuffer, this.hal);
    this.hal.openUart(real, options.baud ?? u.baud ?? 115200, port);
    this.uarts[real] = port;
    return port;
  }
}

/** What a firmware module exports by default. */
export type Firmware<B extends BoardId = BoardId> = (dev: Device<B>) => void;
