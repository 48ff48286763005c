// The device's reactor, made when the first input or UART is opened.
//
// Apart from device.ts so that a firmware that opens neither (blink) carries
// no reactor and no wake flags, and its main loop dispatches nothing.

import type { BoardId } from './boards/catalog.ts';
import type { Device } from './device.ts';
import { Reactor } from './reactor/reactor.ts';

/** `dev`'s reactor, made and attached to its runtime at the first call: a flag per pin and two per UART of the board. */
export function reactorOf<B extends BoardId>(dev: Device<B>): Reactor {
  let r = dev.reactor;
  if (r === null) {
    const board = dev.board;
    const hal = dev.hal;
    r = new Reactor(Object.keys(board.pins).length + 2 * Object.keys(board.uarts).length, () => hal.pend());
    dev.reactor = r;
    dev.rt.attach(r);
  }
  return r;
}
