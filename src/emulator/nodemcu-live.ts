// The board behind `flagpoll emulate --board nodemcu-esp8266 --listen pty:<path>`:
// an emulated NodeMCU board in real time whose console (uart0) is a byte
// stream, so upload clients (nodemcu-tool, ESPlorer, a terminal) use it as
// they use a board on a USB serial port.
//
// - The chip is NodemcuFirmware's Lua child in live mode (nodemcu/console.lua):
//   the Lua prompt with echo, `file` on the folder `fsDir` (the board's flash),
//   init.lua from that folder at boot.
// - Bytes from the client arrive on the simulated uart0 at the board's baud
//   (input()); what the board sends at its baud comes out through onOutput.
// - Virtual time follows the real clock: an unref'd interval (every `stepMs`)
//   advances the SimBoard to the wall-clock ms since start; stop() ends it.
// - node.restart() is a reboot (so is an error no firmware callback caught,
//   2 s after it was printed, as NodeMCU does: nodemcu/console.lua): what the
//   UART still held goes out, then a new SimBoard (pins at their power-on
//   level) and a new Lua VM, which prints the boot banner and runs init.lua
//   again. Virtual time goes on.

import path from 'node:path';
import type { Board } from '../boards/board.ts';
import { LuaChildError } from './nodemcu-bridge.ts';
import { NodemcuFirmware } from './nodemcu-firmware.ts';
import { SimBoard } from './sim-board.ts';

export interface NodemcuLiveOptions {
  /** A NodeMCU board file. */
  board: Board;
  /** The folder that stands in for the board's SPIFFS. */
  fsDir: string;
  /** How often virtual time catches up with the real clock, in ms (default 5). */
  stepMs?: number;
}

/** A pin the firmware drove, for logs: its label (LED name and pin) and level, at virtual ms `t`. */
export interface LivePinChange {
  t: number;
  label: string;
  level: number;
}

export class NodemcuLiveBoard {
  /** How many times the board restarted. */
  restarts = 0;
  private simBoard!: SimBoard;
  private fw!: NodemcuFirmware;
  private out: (bytes: Buffer) => void = () => {};
  private pins: (c: LivePinChange) => void = () => {};
  private readonly started = performance.now();
  private readonly driver: NodeJS.Timeout;
  private readonly con: string;
  private readonly seen = new Map<string | number, number>();
  private stopped = false;

  constructor(private readonly o: NodemcuLiveOptions) {
    if (o.board.target !== 'nodemcu') throw new Error(`board ${o.board.id} is not a NodeMCU board`);
    this.con = o.board.console;
    this.boot(0);
    this.driver = setInterval(() => this.pump(), o.stepMs ?? 5);
    this.driver.unref();
  }

  /** The simulated board now running (a restart makes a new one). */
  get sim(): SimBoard {
    return this.simBoard;
  }

  /** Bytes the board sends on its console. */
  onOutput(cb: (bytes: Buffer) => void): void {
    this.out = cb;
  }

  /** Each level an output pin is driven to. */
  onPin(cb: (c: LivePinChange) => void): void {
    this.pins = cb;
  }

  /** Bytes from the client, onto the console's RX from now on at the baud. */
  input(bytes: Uint8Array): void {
    if (this.stopped) return;
    this.pump();
    this.simBoard.send(this.con, bytes);
  }

  /** Virtual ms: real ms since the board was made. */
  now(): number {
    return performance.now() - this.started;
  }

  /** Bring virtual time up to the real clock, running whatever falls due; send what the board transmitted; reboot when it asked to. */
  pump(): void {
    if (this.stopped) return;
    this.advance(Math.max(this.simBoard.time, this.now()));
    if (this.fw.stopped) this.reboot();
  }

  /** Stop following the clock and end the Lua VM. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.driver);
    this.fw.close();
  }

  private advance(t: number): void {
    try {
      this.simBoard.advanceTo(t);
    } catch (e) {
      if (!(e instanceof LuaChildError)) throw e;
      this.write(`\nflagpoll emulator: the Lua VM stopped (${e.message}); restarting\n`);
      this.fw.close();
      this.boot(this.simBoard.time);
      return;
    }
    this.take();
  }

  /** What the console sent since last time, and the pins driven. */
  private take(): void {
    const text = this.simBoard.transmitted(this.con);
    if (text !== '') {
      this.simBoard.clearTransmitted(this.con);
      this.out(Buffer.from(text, 'latin1'));
    }
    for (const [label, pin] of this.outputs()) {
      const h = this.simBoard.pinHistory(pin);
      for (let i = this.seen.get(pin) ?? 0; i < h.length; i++) this.pins({ t: h[i]!.t, label, level: h[i]!.level });
      this.seen.set(pin, h.length);
    }
  }

  private outputs(): [string, string | number][] {
    const b = this.o.board;
    const out: [string, string | number][] = [];
    const done = new Set<string | number>();
    for (const [key, p] of Object.entries(b.pins)) {
      if (done.has(p.pin) || !p.caps.includes('gpio') || this.simBoard.pinMode(p.pin) !== 'output') continue;
      done.add(p.pin);
      const led = Object.keys(b.leds).find((l) => b.leds[l]!.pin === key);
      out.push([led === undefined ? key : `${led} (${key})`, p.pin]);
    }
    return out;
  }

  /** node.restart(): let the UART finish, start again. */
  private reboot(): void {
    const old = this.simBoard;
    for (let i = 0; i < 400; i++) {
      const before = old.transmittedBytes(this.con);
      this.advance(old.time + 5);
      if (old.transmittedBytes(this.con) === before) break;
    }
    this.fw.close();
    this.restarts++;
    this.boot(old.time);
  }

  /** Power on at virtual ms `t`: a new SimBoard and Lua VM, which prints its banner and runs init.lua. */
  private boot(t: number): void {
    const sim = new SimBoard(this.o.board, { record: true, trace: false });
    sim.advanceTo(t);
    this.simBoard = sim;
    this.seen.clear();
    this.fw = new NodemcuFirmware(sim, path.join(this.o.fsDir, 'init.lua'), { name: 'init.lua', fs: this.o.fsDir });
    this.take();
  }

  /** Text from the emulator itself on the console, with the chip's line ends. */
  private write(text: string): void {
    this.out(Buffer.from(text.replace(/\r/g, '').replace(/\n/g, '\r\n'), 'latin1'));
  }
}
