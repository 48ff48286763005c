// The Chip on NodeMCU for the ESP32 (Lua 5.3, the `dev-esp32` branch).
//
// Pins are GPIO numbers. gpio.trig's callback gets (pin, level) and nothing
// more: no timestamp and no count. The ISR disables the pin's interrupt and
// the firmware re-enables it after the callback, so edges in between are
// merged without a count. The platform stamps the edge with the clock when the
// callback runs (`when` -1): later than the edge by the task queue's latency,
// which is what an ESP32 build can know. The clock is node.uptime()'s first
// result (µs; wraps at 2^31 only on integer-only Lua, unwrapped by clock.ts).

import type { Pull } from '../../boards/board.ts';
import type { Chip, EdgeCallback } from './chip.ts';
import type { Esp32, Esp32Gpio, Esp32Node, Esp32Uart, Tmr } from './nodemcu.d.ts';

export class Esp32Chip implements Chip {
  readonly name = 'ESP32';
  readonly tmr: Tmr;
  readonly node: Esp32Node;
  readonly print: (this: void, text: string) => void;
  private readonly gpio: Esp32Gpio;
  private readonly uart: Esp32Uart;

  constructor(g: Esp32) {
    this.tmr = g.tmr;
    this.node = g.node;
    this.print = g.print;
    this.gpio = g.gpio;
    this.uart = g.uart;
  }

  micros(): number {
    return this.node.uptime();
  }
  output(pin: number, level: number): void {
    this.gpio.config({ gpio: pin, dir: this.gpio.OUT });
    this.gpio.write(pin, level);
  }
  write(pin: number, level: number): void {
    this.gpio.write(pin, level);
  }
  read(pin: number): number {
    return this.gpio.read(pin);
  }
  watch(pin: number, pull: Pull, cb: EdgeCallback): void {
    const gpio = this.gpio;
    gpio.config({ gpio: pin, dir: gpio.IN, pull: pull === 'up' ? gpio.PULL_UP : pull === 'down' ? gpio.PULL_DOWN : gpio.FLOATING });
    gpio.trig(pin, gpio.INTR_UP_DOWN, (_pin, level) => cb(level, -1, 1));
  }
  openUart(id: number, baud: number, rx: number, tx: number, cb: (this: void, data: string) => void): void {
    const uart = this.uart;
    uart.setup(id, baud, 8, uart.PARITY_NONE, uart.STOPBITS_1, rx < 0 ? 0 : { tx, rx });
    uart.on(id, 'data', 0, cb, 0);
  }
  send(id: number, byte: number): void {
    this.uart.write(id, byte);
  }
}
