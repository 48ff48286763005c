// Espruino's Serial objects (USB, Serial1, Bluetooth ...) on a SimBoard UART.
//
// Each is the board's end of one SimBoard UART (`SimUartPort`): bytes the
// outside world sends arrive one per byte time and are queued in the
// sandbox's event FIFO; the loop hands them to the 'data' listeners as a
// string (one char per byte, as Espruino does), after the timers of that
// turn, as jsiIdle runs queued callbacks last. `write` puts bytes in a
// transmit queue that the SimBoard sends one byte time apart, so the wire
// shows them at the baud.
//
// Knowingly simplified: the transmit queue has no limit (Espruino blocks the
// writer when its buffer is full); data with no 'data' listener is dropped
// (Espruino keeps it for `read()`); setup's options other than the baud are
// kept but change nothing; framing, parity and flow control are not
// modelled. As on a board, the console device's input goes to the REPL, not
// to 'data' listeners, until `setConsole` on another device moves the
// console away (the sandbox decides, see EspruinoSandbox.queueRx).

import type { BoardUart } from '../boards/board.ts';
import type { SimBoard, SimUartPort } from './sim-board.ts';
import type { Callback } from './espruino-timers.ts';

export interface SerialHost {
  /** Bytes arrived on `serial`: queue them as an event for the loop, or hand them to the REPL when it is the console. */
  queueRx(serial: EspruinoSerial, byte: number): void;
  /** `<id>.setConsole()`: the console (REPL input and output) is now `id`. */
  setConsole(id: string): void;
  call(where: string, fn: Callback, args: readonly unknown[]): void;
}

export class EspruinoSerial {
  /** What `setup` was last given. */
  baud: number;
  options: unknown = undefined;
  /** 'data' listeners, in the order they were added. */
  readonly listeners: Callback[] = [];
  /** Bytes waiting to go out, from txAt on. */
  private readonly tx: number[] = [];
  private txAt = 0;
  /** The SimBoard's view of this port. */
  readonly port: SimUartPort;

  constructor(readonly id: string, private readonly uart: BoardUart, private readonly sim: SimBoard, private readonly host: SerialHost) {
    this.baud = uart.baud ?? 115200; // the baud a host Device opens it at, so both runs keep the same byte times
    const self = this;
    this.port = {
      id,
      receive: (b: number) => host.queueRx(self, b),
      takeTx: () => self.takeTx(),
    };
    sim.openUart(id, this.baud, this.port);
  }

  setup(baud?: unknown, options?: unknown): void {
    const b = Number(baud);
    this.baud = b > 0 ? b : 9600;
    this.options = options;
    if ((this.uart.via ?? 'pins') === 'pins') this.sim.openUart(this.id, this.baud, this.port);
  }

  on(event: unknown, fn: unknown): void {
    if (event === 'data' && typeof fn === 'function') this.listeners.push(fn as Callback);
  }
  removeListener(event: unknown, fn: unknown): void {
    const i = event === 'data' ? this.listeners.indexOf(fn as Callback) : -1;
    if (i >= 0) this.listeners.splice(i, 1);
  }
  removeAllListeners(event?: unknown): void {
    if (event === undefined || event === 'data') this.listeners.length = 0;
  }

  /** write(data, ...): a number is one byte, a string its chars, an array or typed array its elements. */
  write(...data: unknown[]): void {
    for (const d of data) this.queue(d);
    this.sim.kick(this.port);
  }
  print(text: unknown): void {
    this.write(String(text));
  }
  println(text: unknown): void {
    this.write(String(text) + '\r\n');
  }
  /** Espruino moves the console (the REPL) here. */
  setConsole(): void {
    this.host.setConsole(this.id);
  }

  private queue(d: unknown): void {
    if (typeof d === 'number') this.tx.push(d & 0xff);
    else if (typeof d === 'string') for (let i = 0; i < d.length; i++) this.tx.push(d.charCodeAt(i) & 0xff);
    else if (d !== null && typeof d === 'object' && typeof (d as ArrayLike<unknown>).length === 'number') {
      const a = d as ArrayLike<unknown>;
      for (let i = 0; i < a.length; i++) this.queue(a[i]);
    } else if (d !== undefined) this.queue(String(d));
  }

  private takeTx(): number {
    if (this.txAt >= this.tx.length) return -1;
    const b = this.tx[this.txAt++]!;
    if (this.txAt === this.tx.length) {
      this.tx.length = 0;
      this.txAt = 0;
    }
    return b;
  }

  /** Bytes written and not yet on the wire. */
  get pendingTx(): number {
    return this.tx.length - this.txAt;
  }

  /** From the loop: hand `data` to every 'data' listener. */
  deliver(data: string): void {
    const ls = this.listeners.slice();
    for (const fn of ls) this.host.call(`${this.id} 'data' handler`, fn, [data]);
  }
}
