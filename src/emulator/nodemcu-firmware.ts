// Built NodeMCU firmware (init.lua) as the firmware of a SimBoard.
//
// The Lua child (nodemcu-bridge.ts, nodemcu/main.lua) is the chip; this is
// its wiring to the simulated hardware, in the roles SimBoard offers:
//
//   MainLoop.tick()          -> "run t": posted tasks, then due timers
//   EdgeSink.edge() per pin   -> "edge pin level t": the gpio interrupt side
//   SimUartPort.receive()     -> "rx uart byte t": the uart interrupt side
//
// and the answers come back as hardware actions: pin modes and levels,
// bytes queued on a UART (sent at the baud), the next timer deadline as the
// SimBoard's alarm, pend() when tasks are waiting. print() goes to the
// console UART as on the chip ("\n" after each line) and into `log`, but for
// the line the platform prints as firmware takes the console ("flagpoll build
// <id>: uart0 is the firmware's input now..."): that one is for whoever is at
// the console (the flash tool, a person), and goes only into `log`, so that a
// scenario checks the firmware's own output on the console, as it does on the
// host, where no such line exists. The board behind `--listen pty:`
// (nodemcu/console.lua) puts it on the wire, as the chip does.
//
// An uncaught Lua error (at load or in a callback) is reported to the SimBoard
// with the Lua message, which names init.lua and the line; the firmware is
// dead from then on (the chip would print it and reboot; the emulator does
// not reboot it). "flagpoll: ..." lines printed by the firmware are reported
// too, as in the Espruino sandbox. node.restart() stops it the same way.

import path from 'node:path';
import type { Board, Pull } from '../boards/board.ts';
import type { LuaVersion } from '../build/lua.ts';
import { CONSOLE_TAKEN } from '../targets/console-taken.ts';
import { FirmwareReport } from './espruino-sandbox.ts';
import type { LogLine } from './espruino-sandbox.ts';
import { LuaChild } from './nodemcu-bridge.ts';
import type { EdgeSink, MainLoop, SimBoard, SimUartPort } from './sim-board.ts';

export interface NodemcuOptions {
  /** The firmware's name in Lua's messages (default: the path as given, or its base name when that is long). */
  name?: string;
  /** CPU seconds a firmware callback may run before the watchdog stops it (default 5). */
  watchdogS?: number;
  /** A live board's files (nodemcu-live.ts): the console's Lua prompt runs, and init.lua is read from this folder at start. */
  fs?: string;
}

interface Port extends SimUartPort {
  readonly tx: number[];
  txAt: number;
}

export class NodemcuFirmware implements MainLoop {
  readonly board: Board;
  readonly version: LuaVersion;
  /** What the firmware printed, by line. */
  readonly log: LogLine[] = [];
  /** Uncaught Lua errors, with their tracebacks. */
  readonly errors: LogLine[] = [];
  private readonly lua: LuaChild;
  private readonly ports = new Map<number, Port>();
  private readonly sinks = new Map<number, EdgeSink>();
  private dead = false;

  constructor(readonly sim: SimBoard, initLua: string, options: NodemcuOptions = {}) {
    this.board = sim.board;
    if (this.board.target !== 'nodemcu' || this.board.lua === undefined) throw new Error(`board ${this.board.id} runs ${this.board.target} firmware, not NodeMCU's`);
    this.version = this.board.lua;
    for (const [id, u] of Object.entries(this.board.uarts)) {
      const port: Port = { id, tx: [], txAt: 0, receive: (b) => this.exchange(`rx ${id.slice(4)} ${b} ${this.us()}`), takeTx: () => takeTx(port) };
      this.ports.set(Number(id.slice(4)), port);
      sim.openUart(id, u.baud ?? 115200, port);
    }
    this.lua = new LuaChild(this.version, path.resolve(initLua), options.name ?? chunkName(initLua), options.watchdogS ?? 5, options.fs);
    const pins = [...new Set(Object.values(this.board.pins).filter((p) => p.caps.includes('gpio')).map((p) => p.pin))].join(',');
    const uarts = Object.entries(this.board.uarts).map(([id, u]) => `${id.slice(4)}:${u.rxBuffer ?? 128}`).join(',');
    this.lua.send(`board ${this.board.lua === '5.1' ? 'esp8266' : 'esp32'} ${this.board.luaHeapBytes ?? 45056} ${pins} ${uarts}`);
    sim.attach(this);
    this.exchange(`start ${this.us()}`);
  }

  /** Whether an uncaught error or node.restart() stopped the firmware. */
  get stopped(): boolean {
    return this.dead;
  }

  tick(): void {
    this.exchange(`run ${this.us()}`);
  }

  /** Kill the Lua child and remove its pipes. */
  close(): void {
    this.lua.close();
  }

  private us(): number {
    return Math.round(this.sim.time * 1000);
  }

  /** Send one message and carry out every answer up to the done marker. */
  private exchange(message: string): void {
    if (this.dead) return;
    this.lua.send(message);
    for (;;) {
      const line = this.lua.readLine();
      const sp = line.indexOf(' ');
      const kind = sp < 0 ? line : line.slice(0, sp);
      const rest = sp < 0 ? '' : line.slice(sp + 1);
      if (kind === '.') return this.done(rest);
      this.act(kind, rest);
    }
  }

  private done(rest: string): void {
    const [pending, at] = rest.split(' ');
    if (this.dead) {
      this.sim.setAlarm(Infinity);
      this.lua.close();
      return;
    }
    if (pending === '1') this.sim.pend();
    this.sim.setAlarm(at === '-1' ? Infinity : Number(at) / 1000);
  }

  private act(kind: string, rest: string): void {
    const [a, b] = rest.split(' ');
    switch (kind) {
      case 'O':
        return this.sim.outputMode(Number(a));
      case 'I':
        return this.sim.watch(Number(a), b as Pull, 0, this.sink(Number(a)));
      case 'W':
        return this.sim.write(Number(a), Number(b));
      case 'R':
        return this.lua.send(String(this.sim.read(Number(a))));
      case 'S':
        return this.sim.openUart(`uart${a}`, Number(b), this.ports.get(Number(a))!);
      case 'T':
        return this.transmit(Number(a), Buffer.from(b!, 'hex'));
      case 'P':
        return this.print(unescape(rest));
      case 'E':
        return this.uncaught(unescape(rest));
      case 'X':
        this.dead = true;
        this.log.push({ t: this.sim.time, text: 'node.restart()' });
        return this.sim.report(new FirmwareReport('the firmware called node.restart(); the emulator does not restart it'));
      default:
        throw new Error(`NodeMCU model: unknown answer "${kind} ${rest}"`);
    }
  }

  private sink(pin: number): EdgeSink {
    let s = this.sinks.get(pin);
    if (s === undefined) {
      s = { level: 0, edge: (level, time) => this.exchange(`edge ${pin} ${level} ${Math.round(time * 1000)}`) };
      this.sinks.set(pin, s);
    }
    return s;
  }

  private transmit(id: number, bytes: Uint8Array): void {
    const port = this.ports.get(id)!;
    for (const x of bytes) port.tx.push(x);
    this.sim.kick(port);
  }

  private print(text: string): void {
    this.log.push({ t: this.sim.time, text });
    if (CONSOLE_TAKEN.test(text)) return;
    this.transmit(Number(this.board.console.slice(4)), Buffer.from(text + '\n', 'latin1'));
    if (text.startsWith('flagpoll: ')) this.sim.report(new FirmwareReport(text.slice('flagpoll: '.length)));
    else if (/^flagpoll E\d/.test(text)) this.sim.report(new FirmwareReport(text));
  }

  private uncaught(text: string): void {
    this.dead = true;
    this.errors.push({ t: this.sim.time, text });
    this.sim.report(new FirmwareReport(`Lua error: ${text.split('\n')[0]!}`));
  }
}

function takeTx(port: Port): number {
  if (port.txAt >= port.tx.length) return -1;
  const b = port.tx[port.txAt++]!;
  if (port.txAt === port.tx.length) {
    port.tx.length = 0;
    port.txAt = 0;
  }
  return b;
}

/** Lua cuts source names past 60 characters: the path as given when it fits, else the file's name. */
function chunkName(file: string): string {
  return file.length <= 55 ? file : path.basename(file);
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}
