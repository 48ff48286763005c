// The NodeMCU platform for the ESP8266 (Lua 5.1, the `master` branch).
//
// Pins are NodeMCU I/O indexes (D1 is 1); pin 0 (D0, GPIO16) cannot
// interrupt. gpio.trig's callback runs in task context with the level seen in
// the interrupt, its µs stamp (the tmr.now() clock) and how many interrupts
// were merged into the call; all three go to the platform as they are. There
// are pull-ups and no pull-downs. Only UART 0 receives.

import type { Board, Pull } from '../../boards/board.ts';
import type { PinRef } from '../../hal/hal.ts';
import { NodeMcuHal } from './hal.ts';
import type { EdgeCallback } from './hal.ts';
import type { Esp8266, Esp8266Gpio, Esp8266Tmr, Esp8266Uart } from './nodemcu.d.ts';

export class Esp8266Chip extends NodeMcuHal {
  readonly name = 'ESP8266';
  protected readonly gpio: Esp8266Gpio;
  private readonly uart: Esp8266Uart;

  constructor(g: Esp8266, board: Board, buildId: string) {
    super(g, board, buildId);
    this.gpio = g.gpio;
    this.uart = g.uart;
  }

  protected micros(): number {
    return (this.tmr as Esp8266Tmr).now();
  }
  output(ref: PinRef, level: number): void {
    this.gpio.mode(ref as number, this.gpio.OUTPUT);
    this.gpio.write(ref as number, level);
  }
  protected watchPin(pin: number, pull: Pull, cb: EdgeCallback): void {
    if (pull === 'down') throw new Error(`pin ${pin}: the ESP8266 has no pull-down resistors (pull-up or none)`);
    const gpio = this.gpio;
    gpio.mode(pin, gpio.INT, pull === 'up' ? gpio.PULLUP : gpio.FLOAT);
    gpio.trig(pin, 'both', cb);
  }
  protected openPort(id: number, baud: number, _rx: number, _tx: number, cb: (this: void, data: string) => void): void {
    const uart = this.uart;
    uart.setup(id, baud, 8, uart.PARITY_NONE, uart.STOPBITS_1, 0);
    if (id === 0) uart.on('data', 0, cb, 0);
  }
  protected releaseConsole(id: number, baud: number): void {
    const uart = this.uart;
    uart.on('data');
    uart.setup(id, baud, 8, uart.PARITY_NONE, uart.STOPBITS_1, 1);
  }
  protected send(id: number, byte: number): void {
    this.uart.write(id, byte);
  }
}
