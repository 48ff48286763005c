// A stand-in Espruino board for the console server: a node:vm context with
// the few globals an upload touches.
//
// It is what `flagpoll emulate --listen` serves until the Espruino API
// sandbox (src/emulator/espruino-sandbox.ts) is plugged in behind the same
// EspruinoEvaluator interface, and what the upload tests run against. It
// has print/console.log, process.env (BOARD, VERSION, CONSOLE, MODULES...),
// process.memory(), reset(), save(), E.setBootCode/setFlags, getTime/setTime
// and host timers; not pins, not Serial ports. Code that an upload runs sets
// globals here (FLAGPOLL_BUILD), and they survive a reconnection, as RAM
// does on a board; reset() starts a new context.

import vm from 'node:vm';
import type { EspruinoEvaluator, EvalResult } from './espruino-repl.ts';
import { espruinoRepr } from './espruino-repl.ts';

export interface VmBoardOptions {
  /** What process.env.BOARD answers, e.g. PICO_R1_3. */
  board: string;
  /** process.env.CONSOLE: USB, Serial1, Bluetooth... */
  console?: string;
  /** process.memory().total. */
  jsVars?: number;
  /** Longest a single statement may run, in ms, before it is stopped like Ctrl-C would. */
  timeoutMs?: number;
  /**
   * process.env.JSON_URL: where EspruinoTools reads the board's JSON
   * description instead of downloading it from espruino.com (a local path
   * is read as a file). Leave it out and the client goes online for it.
   */
  jsonUrl?: string;
}

export const VM_BOARD_VERSION = '2v29';

export class VmEspruinoBoard implements EspruinoEvaluator {
  /** How many times save() ran, and the globals it saw (a flash image, roughly). */
  saves: string[][] = [];
  bootCode: string | null = null;
  private ctx!: vm.Context;
  private out: (text: string) => void = () => {};
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly started = performance.now();
  private timeOffset = 0;

  constructor(private readonly o: VmBoardOptions) {
    this.reset();
  }

  onOutput(cb: (text: string) => void): void {
    this.out = cb;
  }

  evaluate(code: string): EvalResult {
    try {
      const v: unknown = vm.runInContext(code, this.ctx, { timeout: this.o.timeoutMs ?? 2000, filename: 'console' });
      return { result: espruinoRepr(v) };
    } catch (e) {
      return { error: errorText(e) };
    }
  }

  /** A global of the running program, read from outside (tests). */
  global(name: string): unknown {
    return (this.ctx as Record<string, unknown>)[name];
  }

  /** Stop the host timers the program started. */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private print(args: unknown[]): void {
    this.out(args.map((a) => (typeof a === 'string' ? a : espruinoRepr(a))).join(' ') + '\n');
  }

  private reset(): void {
    this.stop();
    const o = this.o;
    const total = o.jsVars ?? 5000;
    const board = this;
    const env = {
      VERSION: VM_BOARD_VERSION, GIT_COMMIT: 'flagpoll', BOARD: o.board, RAM: 98304, FLASH: 393216, SPIFLASH: 0,
      STORAGE: 262144, SERIAL: '00000000-flagpoll', CONSOLE: o.console ?? 'USB',
      MODULES: 'Flash,Storage,heatshrink,net,dgram,http,NetworkJS,CC3000,WIZnet,crypto,neopixel', EXPTR: 536871212,
      ...(o.jsonUrl === undefined ? {} : { JSON_URL: o.jsonUrl }),
    };
    const timer = (repeat: boolean) => (fn: unknown, ms?: number, ...args: unknown[]) => {
      const run = () => {
        if (!repeat) board.timers.delete(t);
        try {
          if (typeof fn === 'function') (fn as (...a: unknown[]) => void)(...args);
          else vm.runInContext(String(fn), board.ctx, { timeout: o.timeoutMs ?? 2000 });
        } catch (e) {
          board.out(`Uncaught ${errorText(e)}\n`);
        }
      };
      const t = repeat ? setInterval(run, Math.max(1, ms ?? 0)) : setTimeout(run, ms ?? 0);
      t.unref();
      board.timers.add(t);
      return t;
    };
    const clear = (t: unknown) => {
      if (t === undefined) board.stop();
      else {
        clearTimeout(t as NodeJS.Timeout);
        board.timers.delete(t as NodeJS.Timeout);
      }
    };
    const sandbox: Record<string, unknown> = {
      print: (...a: unknown[]) => board.print(a),
      console: { log: (...a: unknown[]) => board.print(a) },
      process: { env, version: VM_BOARD_VERSION, memory: () => ({ free: total - 200, usage: 200, total, history: 0, gc: 0, gctime: 0, blocksize: 14 }) },
      reset: () => board.reset(),
      save: () => {
        board.saves.push(Object.keys(board.ctx).filter((k) => !base.has(k)));
        board.out('Compacting Flash...\nCalculating Size...\nWriting..\nCompressed 0 bytes\nChecking...\nDone!\n');
      },
      load: () => board.reset(),
      echo: () => undefined,
      getTime: () => (performance.now() - board.started) / 1000 + board.timeOffset,
      setTime: (t: number) => {
        board.timeOffset = t - (performance.now() - board.started) / 1000;
      },
      setTimeout: timer(false),
      setInterval: timer(true),
      clearTimeout: clear,
      clearInterval: clear,
      E: {
        setBootCode: (code: string) => {
          board.bootCode = String(code);
        },
        setFlags: () => undefined,
        getFlags: () => ({ pretokenise: 0 }),
        setTimeZone: () => undefined,
      },
    };
    sandbox.global = sandbox;
    const base = new Set(Object.keys(sandbox));
    this.ctx = vm.createContext(sandbox);
  }
}

/** "ReferenceError: x is not defined" for an error of any realm (the context's own Error is not the host's). */
function errorText(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e) {
    const name = (e as { name?: unknown }).name;
    return `${typeof name === 'string' ? name : 'Error'}: ${String((e as { message: unknown }).message)}`;
  }
  return espruinoRepr(e);
}
