// The Espruino platform: the Hal on Espruino's own API.
//
// Espruino runs JavaScript from its event loop and never inside an interrupt:
// setWatch and Serial 'data' callbacks run on the main loop with the time the
// pin changed (`e.time`). So each callback records into the reactor's source
// (the interrupt side) and then runs one turn of flagpoll's main loop
// (`Runtime.tick`), bounded by the ready tasks; when it returns, Espruino
// sleeps until its next event. One setTimeout is the alarm, re-armed only when
// the earliest deadline changes.
//
// The console: Espruino hands what arrives on its console device (USB on a
// Pico) to the REPL, never to that device's 'data' listeners. Firmware that
// reads the console UART expects its bytes, so opening it moves the console
// to LoopbackA (from a timer, after the prompt), first printing one line (the build id, what happened, how
// to undo it) while the REPL is still where the user looks; a Ctrl-C on the
// device gives the REPL back, as Espruino's own tools expect (their
// recovery sends Ctrl-C). After the move, console.log (and so report())
// goes to LoopbackA, out of the firmware's data stream.

/// <reference path="../../core/build-flags.d.ts" />
import type { Board, Pull } from '../../boards/board.ts';
import type { FlagpollError } from '../../core/errors.ts';
import type { Hal, PinRef } from '../../hal/hal.ts';
import type { PinSource } from '../../reactor/pin-source.ts';
import type { UartPort } from '../../reactor/uart-port.ts';
import type { Runtime } from '../../runtime.ts';
import type { EspruinoGlobals, EspruinoPin, EspruinoSerial, WatchEvent } from './globals.ts';

/** How the line printed when firmware takes the console begins; `flagpoll flash` reads the build id after it. */
export const CONSOLE_TAKEN = 'flagpoll build';

export class EspruinoHal implements Hal {
  private readonly g: EspruinoGlobals;
  private readonly board: Board;
  private rt: Runtime | null = null;
  private inTick = false;
  private scheduled = false;
  private alarmId = -1;
  private alarmAt = Infinity;
  private readonly runScheduled: () => void;
  private readonly onAlarm: () => void;

  constructor(g: EspruinoGlobals, board: Board) {
    this.g = g;
    this.board = board;
    this.runScheduled = () => {
      this.scheduled = false;
      this.tick();
    };
    this.onAlarm = () => {
      this.alarmId = -1;
      this.alarmAt = Infinity;
      this.tick();
    };
  }

  attach(rt: Runtime): void {
    this.rt = rt;
  }

  /** One turn of the main loop, unless one is under way (a callback from inside a turn). */
  tick(): void {
    if (this.inTick || this.rt === null) return;
    this.inTick = true;
    try {
      this.rt.tick();
    } finally {
      this.inTick = false;
    }
  }

  /** Board files name Espruino pins by their global names ("B2"); a lookup, no string made. */
  private pin(ref: PinRef): EspruinoPin {
    return this.g[ref as string] as EspruinoPin;
  }

  // Platform

  now(): number {
    return this.g.getTime() * 1000;
  }
  /** Work appeared outside a callback (at start-up): run a turn soon. Inside one, the turn under way takes it. */
  pend(): void {
    if (this.inTick || this.scheduled) return;
    this.scheduled = true;
    this.g.setTimeout(this.runScheduled, 0);
  }
  idle(): void {}
  /** `flagpoll: <message>`, or without message texts the message itself: `flagpoll E6 16`. */
  report(error: FlagpollError): void {
    this.g.console.log(typeof __FLAGPOLL_MESSAGES__ === 'undefined' || __FLAGPOLL_MESSAGES__ ? 'flagpoll: ' + error.message : error.message);
  }
  setAlarm(t: number): void {
    if (t === this.alarmAt) return;
    if (this.alarmId >= 0) this.g.clearTimeout(this.alarmId);
    this.alarmAt = t;
    if (t === Infinity) {
      this.alarmId = -1;
      return;
    }
    const wait = t - this.now();
    this.alarmId = this.g.setTimeout(this.onAlarm, wait > 0 ? wait : 0);
  }

  // Pins

  output(ref: PinRef, level: number): void {
    const p = this.pin(ref);
    this.g.pinMode(p, 'output');
    this.g.digitalWrite(p, level);
  }
  write(ref: PinRef, level: number): void {
    this.g.digitalWrite(this.pin(ref), level);
  }
  read(ref: PinRef): number {
    return this.g.digitalRead(this.pin(ref)) ? 1 : 0;
  }
  watch(ref: PinRef, pull: Pull, debounceMs: number, src: PinSource): void {
    const p = this.pin(ref);
    this.g.pinMode(p, pull === 'up' ? 'input_pullup' : pull === 'down' ? 'input_pulldown' : 'input');
    src.level = this.g.digitalRead(p) ? 1 : 0;
    this.g.setWatch((e: WatchEvent) => {
      src.edge(e.state ? 1 : 0, e.time * 1000);
      this.tick();
    }, p, { repeat: true, edge: 'both', debounce: debounceMs });
  }

  // UARTs

  private serial(id: string): EspruinoSerial {
    return this.g[id] as EspruinoSerial;
  }
  openUart(id: string, baud: number, port: UartPort): void {
    const s = this.serial(id);
    const u = this.board.uarts[id]!;
    if ((u.via ?? 'pins') === 'pins') s.setup(baud, { rx: this.pin(u.rx!), tx: this.pin(u.tx!) });
    if (id === this.board.console) return this.takeConsole(id, s, port);
    s.on('data', (data: string) => {
      for (let i = 0; i < data.length; i++) port.receive(data.charCodeAt(i));
      this.tick();
    });
  }
  /**
   * The console device's bytes for the firmware: the REPL moves to LoopbackA
   * until a Ctrl-C (3) arrives. Moved from a timer, once the statement that
   * started the firmware has ended: Espruino prints its prompt then, on the
   * device the uploading tool watches, and that tool sends Ctrl-C to recover
   * when no prompt comes.
   */
  private takeConsole(id: string, s: EspruinoSerial, port: UartPort): void {
    const g = this.g;
    g.setTimeout(() => {
      g.console.log(`${CONSOLE_TAKEN} ${String(g.FLAGPOLL_BUILD)}: ${id} is the firmware's input now, the REPL is on LoopbackA; Ctrl-C on ${id} gives it back`);
      (g.LoopbackA as EspruinoSerial).setConsole(true);
    }, 0);
    s.on('data', (data: string) => {
      for (let i = 0; i < data.length; i++) {
        const c = data.charCodeAt(i);
        if (c === 3) {
          s.setConsole(true);
          break;
        }
        port.receive(c);
      }
      this.tick();
    });
  }
  /** Espruino buffers transmission itself: hand it every byte now. */
  kick(port: UartPort): void {
    const s = this.serial(port.id);
    for (let b = port.takeTx(); b >= 0; b = port.takeTx()) s.write(b);
  }
}
