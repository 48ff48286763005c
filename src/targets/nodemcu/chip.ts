// What differs between NodeMCU on the ESP8266 and on the ESP32, behind one
// interface: the clock, pin set-up, the interrupt callback's form, and the
// UART calls. esp8266.ts and esp32.ts implement it on each firmware's modules
// (nodemcu.d.ts); the platform (hal.ts) is written once against it.

import type { Pull } from '../../boards/board.ts';
import type { NodeModule, Tmr } from './nodemcu.d.ts';

/**
 * A pin's interrupt, as the platform takes it: `level` after the change,
 * `when` the counter's µs stamp of it (-1: not stamped, use now), `count` the
 * interrupts merged into this call (at least 1).
 */
export type EdgeCallback = (this: void, level: number, when: number, count: number) => void;

export interface Chip {
  readonly name: string;
  readonly tmr: Tmr;
  readonly node: NodeModule;
  print(this: void, text: string): void;
  /** The µs counter, 31 bits wide where it wraps (see clock.ts). */
  micros(): number;
  output(pin: number, level: number): void;
  write(pin: number, level: number): void;
  read(pin: number): number;
  /** Make `pin` an input with `pull` and call `cb` on each change, both edges. */
  watch(pin: number, pull: Pull, cb: EdgeCallback): void;
  /** Set up UART `id` at `baud` (8N1) on pins `rx`/`tx` (GPIO numbers; -1: the console's own), and send what it receives to `cb`. */
  openUart(id: number, baud: number, rx: number, tx: number, cb: (this: void, data: string) => void): void;
  /** Give the console UART `id` back to the Lua interpreter: its data callback off, echo on at `baud`. */
  releaseConsole(id: number, baud: number): void;
  /** Send one byte. */
  send(id: number, byte: number): void;
}
