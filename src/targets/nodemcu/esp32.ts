// The NodeMCU platform for the ESP32 (Lua 5.3, the `dev-esp32` branch).
//
// Pins are GPIO numbers. gpio.trig's callback gets (pin, level) and nothing
// more: no timestamp and no count. The ISR disables the pin's interrupt and
// the firmware re-enables it after the callback, so edges in between are
// merged without a count. The platform stamps the edge with the clock when the
// callback runs (`when` -1): later than the edge by the task queue's latency,
// which is what an ESP32 build can know. The clock is node.uptime()'s first
// result (µs; wraps at 2^31 only on integer-only Lua, unwrapped by clock.ts).
//
// The console: NodeMCU's ESP32 firmware has had two ways to read it
// (docs/nodemcu.md). The current dev-esp32 has a `console` module
// (console.on("data"), console.mode, console.write) and its uart module no
// longer serves the console's UART; the older line (dev-esp32-idf3-final and
// dev-esp32 before the console module) reads it with uart.on(0, "data", ...,
// 0) like the ESP8266. The chip looks for `console` when it is made and uses
// whichever the firmware has. A UART that is not the console needs
// uart.start after uart.setup on both.

import type { Board, Pull } from '../../boards/board.ts';
import type { PinRef } from '../../hal/hal.ts';
import { NodeMcuHal } from './hal.ts';
import type { EdgeCallback } from './hal.ts';
import type { Esp32, Esp32Console, Esp32Gpio, Esp32Node, Esp32Uart } from './nodemcu.d.ts';

export class Esp32Chip extends NodeMcuHal {
  readonly name = 'ESP32';
  protected readonly gpio: Esp32Gpio;
  private readonly uart: Esp32Uart;
  /** The console module (current dev-esp32), or null: the console is uart0 to the uart module. */
  private readonly con: Esp32Console | null;
  /** The console's UART once the firmware opened it, else -1. */
  private conId = -1;

  constructor(g: Esp32, board: Board, buildId: string) {
    super(g, board, buildId);
    this.gpio = g.gpio;
    this.uart = g.uart;
    this.con = g.console ?? null;
  }

  protected micros(): number {
    return (this.node as Esp32Node).uptime();
  }
  output(ref: PinRef, level: number): void {
    this.gpio.config({ gpio: ref as number, dir: this.gpio.OUT });
    this.gpio.write(ref as number, level);
  }
  protected watchPin(pin: number, pull: Pull, cb: EdgeCallback): void {
    const gpio = this.gpio;
    gpio.config({ gpio: pin, dir: gpio.IN, pull: pull === 'up' ? gpio.PULL_UP : pull === 'down' ? gpio.PULL_DOWN : gpio.FLOATING });
    gpio.trig(pin, gpio.INTR_UP_DOWN, (_pin, level) => cb(level, -1, 1));
  }
  protected openPort(id: number, baud: number, rx: number, tx: number, cb: (this: void, data: string) => void): void {
    const uart = this.uart;
    const con = this.con;
    if (rx < 0) {
      this.conId = id;
      if (con !== null) {
        con.on('data', 0, cb);
        con.mode(con.NONINTERACTIVE);
        return;
      }
    }
    uart.setup(id, baud, 8, uart.PARITY_NONE, uart.STOPBITS_1, rx < 0 ? 0 : { tx, rx });
    if (rx >= 0) uart.start(id);
    uart.on(id, 'data', 0, cb, 0);
  }
  protected releaseConsole(id: number, baud: number): void {
    const uart = this.uart;
    const con = this.con;
    if (con !== null) {
      con.on('data', 0, undefined);
      con.mode(con.INTERACTIVE);
      return;
    }
    uart.on(id, 'data');
    uart.setup(id, baud, 8, uart.PARITY_NONE, uart.STOPBITS_1, 1);
  }
  protected send(id: number, byte: number): void {
    if (id === this.conId && this.con !== null) this.con.write(byte);
    else this.uart.write(id, byte);
  }
}
