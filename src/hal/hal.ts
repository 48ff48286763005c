// The hardware a target gives the reactor: pins, UARTs, one alarm, pend, idle.
//
// A target implements this once (Espruino with setWatch and SerialN, NodeMCU
// with gpio.trig and uart.on, the host with the simulated board). Pins are
// given as the board file's `pin` value: "B2" on Espruino, a gpio index on
// NodeMCU. Interrupt-side calls go straight to the reactor's source objects
// (`PinSource.edge`, `UartPort.receive`, `UartPort.takeTx`), which record and
// raise a flag: nothing is allocated per event.

import type { Pull } from '../boards/board.ts';
import type { PinSource } from '../reactor/pin-source.ts';
import type { UartPort, UartTransmitter } from '../reactor/uart-port.ts';
import type { Platform } from './platform.ts';

export type PinRef = string | number;

export interface Hal extends Platform, UartTransmitter {
  /** Make `pin` an output driven at `level`. */
  output(pin: PinRef, level: number): void;
  write(pin: PinRef, level: number): void;
  read(pin: PinRef): number;
  /**
   * Make `pin` an input with `pull`, and report each change to `src.edge(level,
   * timeMs)` with the time stamped when it happened, after `debounceMs` of
   * stable level (0: every change).
   */
  watch(pin: PinRef, pull: Pull, debounceMs: number, src: PinSource): void;
  /** Open a UART: received bytes go to `port.receive(b)`; `kick(port)` starts sending `port.takeTx()` bytes. */
  openUart(id: string, baud: number, port: UartPort): void;
}
