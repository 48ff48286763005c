// The board behind `flagpoll emulate --listen`: the Espruino API sandbox
// (espruino-sandbox.ts) on a SimBoard, as an EspruinoEvaluator the console
// server (espruino-console.ts) hands REPL lines to.
//
// - One persistent node:vm context whose globals are the sandbox's Espruino
//   API, so the lines an upload sends one by one share their globals, and
//   they survive a reconnection, as RAM does on a board.
// - Virtual time follows the real clock: an unref'd interval (every
//   `stepMs`) advances the SimBoard to the wall-clock ms since start, and so
//   do evaluate() calls before they run; stop() clears the interval.
// - print/console.log (and "Uncaught ..." from callbacks) go to onOutput
//   while the console is on the board's console device (the connection);
//   what firmware writes on that device (USB.write) goes out as it is
//   (onRaw); once firmware moved the console away (LoopbackA.setConsole),
//   the connection's bytes reach that device's 'data' listeners, not the
//   REPL, until a Ctrl-C the firmware answers brings it back (divert).
// - process.env answers what the console client asks (BOARD, VERSION,
//   CONSOLE, MODULES, JSON_URL...): with JSON_URL set the client reads the
//   board JSON from a local file and stays offline.
// - reset() takes effect once the statement that called it returns, as on
//   Espruino: a new SimBoard and sandbox (timers, watches, listeners dropped,
//   pins back to their power-on level) and a new context (user globals
//   gone); virtual time goes on. load() does the same, then runs `.bootcde`
//   from Storage (load(name): that file), which survives both
//   (espruino-storage.ts). save() is accepted:
//   it records the user globals it saw in `saves` and prints what Espruino
//   prints. getTime/setTime work on virtual time plus an offset.
//
// Not here: a statement or callback that loops forever stops the server
// (evaluate() has a timeout, callbacks run from the loop do not), string
// callbacks, save()'s RAM image (it keeps nothing across a reset()).
//
// `peakVars`: the most JsVars the REPL held at once, in the sandbox's
// process.memory() model plus the text of the statement being run (its
// input line and copy, jsvars.ts uploadVars); what an upload costs, not the
// program's own heap, which a node:vm cannot count.

import vm from 'node:vm';
import type { Board } from '../boards/board.ts';
import { ESPRUINO_VERSION } from './espruino-api.ts';
import type { EspruinoEvaluator, EvalResult } from './espruino-repl.ts';
import { espruinoRepr } from './espruino-repl.ts';
import { modelFor, uploadVars } from '../build/jsvars.ts';
import { EspruinoSandbox, errorText } from './espruino-sandbox.ts';
import { EspruinoStorage } from './espruino-storage.ts';
import { secondsOf } from './espruino-timers.ts';
import { SimBoard } from './sim-board.ts';

export interface LiveBoardOptions {
  /** The board file the SimBoard plays (an Espruino board). */
  board: Board;
  /** What process.env.BOARD answers; default the board file's espruinoBoard. */
  answerBoard?: string;
  /** process.env.CONSOLE; default the board file's console. */
  console?: string;
  /** process.env.JSON_URL: a local board JSON keeps EspruinoTools off the network. */
  jsonUrl?: string;
  /** Longest a single REPL statement may run, in ms (default 2000). */
  timeoutMs?: number;
  /** How often virtual time catches up with the real clock, in ms (default 5). */
  stepMs?: number;
}

/** Console lines (and reports) kept on a board that runs for hours: the newest this many. */
const KEEP = 200;

/** The sandbox, with its console lines also sent to the REPL while the console is on the connection's device. */
class LiveSandbox extends EspruinoSandbox {
  constructor(sim: SimBoard, private readonly emit: (text: string) => void) {
    super(sim);
  }
  override console(text: string): void {
    super.console(text);
    if (this.log.length > KEEP) this.log.splice(0, this.log.length - KEEP);
    if (this.consoleDevice === this.board.console) this.emit(text + '\n');
  }
}

export class EspruinoLiveBoard implements EspruinoEvaluator {
  /** Each save(): the user globals it saw. */
  readonly saves: string[][] = [];
  bootCode: string | null = null;
  /** How many times the board was reset (reset(), load()). */
  resets = 0;
  /** Flash files: they outlive reset() and load(). */
  readonly storage = new EspruinoStorage();
  /** See the header. */
  peakVars = 0;
  /** The Storage file load() runs once the board is reset, if any. */
  private loadFile: string | null = null;
  private simBoard!: SimBoard;
  private sb!: LiveSandbox;
  private ctx!: vm.Context;
  private base = new Set<string>();
  private out: (text: string) => void = () => {};
  private raw: (bytes: string) => void = () => {};
  private readonly started = performance.now();
  private timeOffset = 0;
  private resetPending = false;
  private readonly driver: NodeJS.Timeout;

  constructor(private readonly o: LiveBoardOptions) {
    if (o.board.espruinoBoard === undefined) throw new Error(`board ${o.board.id} is not an Espruino board`);
    this.fresh();
    this.driver = setInterval(() => this.pump(), o.stepMs ?? 5);
    this.driver.unref();
  }

  /** The simulated board now running (a reset() makes a new one). */
  get sim(): SimBoard {
    return this.simBoard;
  }

  get sandbox(): EspruinoSandbox {
    return this.sb;
  }

  onOutput(cb: (text: string) => void): void {
    this.out = cb;
  }
  onRaw(cb: (bytes: string) => void): void {
    this.raw = cb;
  }

  /** The connection is the board's console device: its bytes are the firmware's while the console is elsewhere. */
  divert(bytes: string): string {
    const id = this.o.board.console;
    let at = 0;
    while (at < bytes.length && this.sb.consoleDevice !== id) {
      // Up to and including a Ctrl-C, which may give the console back: the firmware sees it before the rest is routed.
      const stop = bytes.indexOf('\x03', at);
      const end = stop < 0 ? bytes.length : stop + 1;
      this.simBoard.send(id, bytes.slice(at, end));
      this.advanceTo(Math.max(this.simBoard.time, this.now()) + (end - at) * byteMs(this.o.board.uarts[id]?.baud) + 1);
      at = end;
    }
    return bytes.slice(at);
  }

  evaluate(code: string): EvalResult {
    this.pump();
    const held = uploadVars(modelFor(this.o.board.jsVars ?? 5100), code.length);
    this.peakVars = Math.max(this.peakVars, this.sb.memory().usage + held);
    try {
      const v: unknown = vm.runInContext(code, this.ctx, { timeout: this.o.timeoutMs ?? 2000, filename: 'console' });
      return { result: espruinoRepr(v) };
    } catch (e) {
      return { error: errorText(e) };
    } finally {
      if (this.resetPending) this.fresh();
    }
  }

  /** A global of the running program, read from outside (tests). */
  global(name: string): unknown {
    return (this.ctx as Record<string, unknown>)[name];
  }

  /** Virtual ms: real ms since the board was made. */
  now(): number {
    return performance.now() - this.started;
  }

  /** Bring virtual time up to the real clock, running whatever falls due on the way. */
  pump(): void {
    this.advanceTo(Math.max(this.simBoard.time, this.now()));
    const id = this.o.board.console;
    const written = this.simBoard.transmitted(id);
    if (written !== '') {
      this.simBoard.clearTransmitted(id);
      this.raw(written);
    }
    const reports = this.simBoard.reports;
    if (reports.length > KEEP) reports.splice(0, reports.length - KEEP);
    if (this.sb.errors.length > KEEP) this.sb.errors.splice(0, this.sb.errors.length - KEEP);
    if (this.resetPending) this.fresh();
  }

  private advanceTo(t: number): void {
    try {
      this.simBoard.advanceTo(t);
    } catch (e) {
      this.out(`Uncaught ${errorText(e)}\n`);
    }
  }

  /** Stop following the clock: nothing runs any more. */
  stop(): void {
    clearInterval(this.driver);
  }

  private env(): Record<string, unknown> {
    const { board, answerBoard, console: con, jsonUrl } = this.o;
    return {
      VERSION: ESPRUINO_VERSION, GIT_COMMIT: 'flagpoll', BOARD: answerBoard ?? board.espruinoBoard, RAM: 98304, FLASH: 393216, SPIFLASH: 0,
      STORAGE: 262144, SERIAL: '00000000-flagpoll', CONSOLE: con ?? board.console,
      MODULES: 'Flash,Storage,heatshrink,net,dgram,http,NetworkJS,CC3000,WIZnet,crypto,neopixel', EXPTR: 536871212,
      ...(jsonUrl === undefined ? {} : { JSON_URL: jsonUrl }),
    };
  }

  /** Power-on state: a new SimBoard at the current time, a new sandbox and context. */
  private fresh(): void {
    const first = this.ctx === undefined;
    this.resetPending = false;
    const t = this.simBoard === undefined ? 0 : this.simBoard.time;
    const sim = new SimBoard(this.o.board, { record: true, trace: false });
    const sb = new LiveSandbox(sim, (text) => this.out(text));
    sim.advanceTo(Math.max(t, this.now()));
    this.simBoard = sim;
    this.sb = sb;
    if (!first) this.resets++;
    const api = sb.globals();
    const board = this;
    const E = api.E as Record<string, unknown>;
    const proc = api.process as Record<string, unknown>;
    const g: Record<string, unknown> = {
      ...api,
      getTime: () => secondsOf(sim.time) + board.timeOffset,
      setTime: (s: unknown) => {
        board.timeOffset = Number(s) - secondsOf(sim.time);
      },
      reset: () => {
        board.resetPending = true;
      },
      load: (file?: unknown) => {
        board.resetPending = true;
        board.loadFile = file === undefined ? '.bootcde' : String(file);
      },
      require: (name: unknown) => {
        if (name === 'Storage') return board.storage.api();
        throw new Error(`Module ${String(name)} not found`);
      },
      save: () => {
        board.saves.push(Object.keys(board.ctx).filter((k) => !board.base.has(k)));
        board.out('Compacting Flash...\nCalculating Size...\nWriting..\nCompressed 0 bytes\nChecking...\nDone!\n');
      },
      echo: () => undefined,
      E: {
        ...E,
        setBootCode: (code: unknown) => {
          board.bootCode = String(code);
        },
        setTimeZone: () => undefined,
      },
      process: { ...proc, env: this.env() },
    };
    this.ctx = vm.createContext(g);
    g.global = vm.runInContext('globalThis', this.ctx);
    this.base = new Set(Object.keys(this.ctx));
    const file = this.loadFile;
    this.loadFile = null;
    const text = file === null ? undefined : this.storage.read(file);
    if (text !== undefined) {
      // Run from flash, as eval(require("Storage").read(file)): its text costs no RAM.
      try {
        vm.runInContext(text, this.ctx, { timeout: this.o.timeoutMs ?? 2000, filename: file! });
      } catch (e) {
        this.out(`Uncaught ${errorText(e)}\n`);
      }
    }
  }
}

/** Milliseconds one byte takes on a UART at `baud` (10 bits a byte). */
function byteMs(baud = 115200): number {
  return 10_000 / baud;
}
