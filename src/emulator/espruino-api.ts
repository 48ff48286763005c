// The globals built firmware sees in the sandbox: the Espruino API that
// flagpoll's Espruino platform uses (src/targets/espruino/globals.ts), and
// the little more an Espruino program commonly touches.
//
//   getTime                          virtual seconds (see secondsOf)
//   setTimeout, setInterval, clearTimeout, clearInterval, changeInterval
//   setWatch, clearWatch, pinMode, digitalWrite, digitalRead
//   <every pin of the board>         Pin objects: read/write/set/reset/toggle/mode/getMode
//   LED1, LED2 ..., BTN1, BTN        the same objects as the pins they name
//   USB, Serial1, Bluetooth ...      one Serial per UART of the board
//   LoopbackA, LoopbackB             setConsole() only: where firmware moves the console
//   console.log (info/warn/error/debug), print
//   E.setFlags, E.getFlags, E.getErrorFlags
//   process.env.BOARD (the board file's espruinoBoard), process.env.VERSION,
//   process.version, process.memory()
//
// Each is a host function: it runs outside any instrumented code, so an
// allocation audit of app.js counts only what app.js itself makes.

import type { EspruinoSandbox } from './espruino-sandbox.ts';
import { secondsOf } from './espruino-timers.ts';
import type { Callback, EspruinoTimers } from './espruino-timers.ts';

/** Espruino's version the sandbox says it is (PLATFORMS.md measured 2v29). */
export const ESPRUINO_VERSION = '2v29';

export function espruinoApi(sb: EspruinoSandbox): Record<string, unknown> {
  const { pins, timers, board, sim } = sb;
  const log = (...args: unknown[]) => sb.console(args.map((a) => (typeof a === 'string' ? a : String(a))).join(' '));
  const g: Record<string, unknown> = {
    getTime: () => secondsOf(sim.time),
    setTimeout: (fn: unknown, ms?: unknown, ...args: unknown[]) => timers.add(callable(fn), ms, args, false),
    setInterval: (fn: unknown, ms?: unknown, ...args: unknown[]) => timers.add(callable(fn), ms, args, true),
    clearTimeout: (...ids: unknown[]) => clearTimer(timers, 'Timeout', ids),
    clearInterval: (...ids: unknown[]) => clearTimer(timers, 'Interval', ids),
    changeInterval: (id: unknown, ms: unknown) => timers.change(id, ms),
    setWatch: (fn: unknown, pin: unknown, options?: unknown) => pins.setWatch(fn, pin, options),
    clearWatch: (...ids: unknown[]) => pins.clearWatch(ids[0], ids.length === 0),
    pinMode: (pin: unknown, mode?: unknown) => pins.pinMode(pin, mode),
    digitalWrite: (pin: unknown, value: unknown) => pins.digitalWrite(pin, value),
    digitalRead: (pin: unknown) => pins.digitalRead(pin),
    console: { log, info: log, warn: log, error: log, debug: log },
    print: log,
    E: {
      setFlags: (flags: unknown) => void Object.assign(sb.flags, flags),
      getFlags: () => ({ ...sb.flags }),
      getErrorFlags: () => sb.takeErrorFlags(),
    },
    process: {
      env: { BOARD: board.espruinoBoard ?? board.id, VERSION: ESPRUINO_VERSION },
      version: ESPRUINO_VERSION,
      memory: () => sb.memory(),
    },
  };
  for (const [name, pin] of pins.byName) g[name] = pin;
  for (const [name, led] of Object.entries(board.leds)) g[name] = pins.byName.get(led.pin);
  for (const [name, btn] of Object.entries(board.buttons)) g[name] = pins.byName.get(btn.pin);
  if (g.BTN1 !== undefined && g.BTN === undefined) g.BTN = g.BTN1;
  for (const [id, s] of sb.serials) g[id] = s;
  // Espruino's two ends of a loopback: a console moved to one is out of the board's way.
  for (const id of ['LoopbackA', 'LoopbackB']) g[id] = { setConsole: () => sb.setConsole(id), write() {}, print() {}, on() {} };
  return g;
}

function callable(fn: unknown): Callback {
  if (typeof fn !== 'function') throw new Error('Function or String not supplied! (the sandbox runs functions only)');
  return fn as Callback;
}

/** clearTimeout(id), clearTimeout() for all; clearTimeout(undefined) is refused, as Espruino does. */
function clearTimer(timers: EspruinoTimers, what: string, ids: unknown[]): void {
  if (ids.length > 0 && ids[0] === undefined) throw new Error(`clear${what}(undefined) not allowed. Use clear${what}() instead`);
  timers.clear(ids[0], ids.length === 0);
}
