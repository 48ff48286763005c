// Inputs and buttons: a board pin as a reactor source, opened from firmware
// with `input(dev, 'A0')` or `button(dev, 'BTN1')`.
//
// Free functions rather than Device methods so that only a firmware that
// reads pins carries the pin source, its wait queue and its futures (see
// device.ts). Like the device's own calls, they are for start-up: the first
// call for a pin makes its source, later calls answer the same object.

/// <reference path="./core/build-flags.d.ts" />
import type { Board, Pull } from './boards/board.ts';
import type { BoardId, ButtonName, PinName } from './boards/catalog.ts';
import { Code, FlagpollError } from './core/errors.ts';
import type { Device } from './device.ts';
import { names } from './device.ts';
import { reactorOf } from './device-reactor.ts';
import type { Hal } from './hal/hal.ts';
import { addPin } from './reactor/pin-source.ts';
import type { PinEdge, PinSource, PinWait } from './reactor/pin-source.ts';

export interface InputOptions {
  pull?: Pull;
  /** Ignore changes shorter than this (ms); the edge is reported once the level held that long. */
  debounce?: number;
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

/** The edge that reaches a level, indexed by the level: PRESS_EDGE[1] is 'rising'. */
const PRESS_EDGE: readonly PinEdge[] = ['falling', 'rising'];

/** A button, pressed and released whatever level it reads when held. */
export class Button {
  constructor(readonly name: string, readonly input: InputPin, private readonly pressedLevel: number) {}
  get isPressed(): boolean {
    return this.input.read() === this.pressedLevel;
  }
  /** A future ready at each press (see PinWait: merged presses are counted). */
  waitPress(): PinWait {
    return this.input.waitFor(PRESS_EDGE[this.pressedLevel]!);
  }
  waitRelease(): PinWait {
    return this.input.waitFor(PRESS_EDGE[this.pressedLevel ^ 1]!);
  }
}

/** An input pin of `dev` whose changes the reactor records (when the pin can interrupt). */
export function input<B extends BoardId>(dev: Device<B>, name: PinName<B>, options: InputOptions = {}): InputPin {
  const known = dev.inputPins[name];
  if (known !== undefined) return known;
  const board = dev.board;
  const p = dev.pinOf(name, 'pin');
  if (dev.outputPins[name] !== undefined) throw new FlagpollError(Code.PinConflict, board.id, typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? `pin ${name} is an output already; it cannot also be an input` : name);
  const canInterrupt = p.caps.indexOf('irq') >= 0;
  const src = addPin(reactorOf(dev), name, 0);
  if (canInterrupt) dev.hal.watch(p.pin, options.pull ?? 'none', options.debounce ?? 0, src);
  const pin = new InputPin(name, board, dev.hal, p.pin, src, canInterrupt);
  dev.inputPins[name] = pin;
  return pin;
}

/** A button of `dev` by its name in the board file. */
export function button<B extends BoardId>(dev: Device<B>, name: ButtonName<B>, options: { debounce?: number } = {}): Button {
  const board = dev.board;
  const b = board.buttons[name];
  if (b === undefined) throw new FlagpollError(Code.UnknownPin, board.id, typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? `button "${name}" (buttons: ${names(board.buttons)})` : name);
  const pin = input(dev, b.pin as PinName<B>, { pull: b.pull ?? 'none', debounce: options.debounce ?? 0 });
  return new Button(name, pin, b.pressed === 'high' ? 1 : 0);
}
