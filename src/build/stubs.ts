// Stand-ins for Espruino's globals, for running a built app.js's start-up on
// the host (measure.ts). They do nothing but remember what Espruino itself
// would have to keep: each watch, pending timer and data listener costs
// JsVars in the interpreter's own tables (its hidden watch and timer arrays,
// an `#ondata` property), counted here from what the program set up.
//
// This is not an emulator: pins read 0, time stands at 0, writes go nowhere.

import type { Board } from '../boards/board.ts';

/** JsVars Espruino spends per entry (an object with its fields in its hidden arrays); the emulator's MEMORY_VARS uses the same. */
const WATCH_VARS = 10;
const TIMER_VARS = 6;
const LISTENER_VARS = 2;

export interface EspruinoStubs {
  globals: Record<string, unknown>;
  /** Run the timers due now (delay 0), as Espruino's idle loop would, until none is left (at most 100 rounds). */
  runDueTimers(): void;
  nativeVars(): number;
}

export function espruinoStubs(board: Board): EspruinoStubs {
  const noop = () => undefined;
  // Callbacks are kept, as Espruino keeps them: they are what holds the program alive after start-up.
  const watches = new Map<number, unknown>();
  const listeners: unknown[] = [];
  let nextId = 1;
  const timers = new Map<number, { fn: () => void; ms: number; repeat: boolean }>();
  const serial = () => ({ setup: noop, on: (_event: string, fn: unknown) => void listeners.push(fn), write: noop, print: noop, println: noop, setConsole: noop, removeAllListeners: noop });
  const anything = new Proxy({}, { get: () => noop });
  const globals: Record<string, unknown> = {
    setWatch: (fn: unknown) => (watches.set(nextId, fn), nextId++),
    clearWatch: (id: number) => void watches.delete(id),
    setTimeout: (fn: () => void, ms = 0) => (timers.set(nextId, { fn, ms, repeat: false }), nextId++),
    setInterval: (fn: () => void, ms = 0) => (timers.set(nextId, { fn, ms, repeat: true }), nextId++),
    clearTimeout: (id: number) => void timers.delete(id),
    clearInterval: (id: number) => void timers.delete(id),
    getTime: () => 0,
    digitalWrite: noop,
    digitalRead: () => 0,
    digitalPulse: noop,
    analogRead: () => 0,
    analogWrite: noop,
    pinMode: noop,
    print: noop,
    console: { log: noop },
    E: anything,
    process: { env: { BOARD: board.espruinoBoard ?? '', VERSION: '2v29' }, memory: () => ({ free: board.jsVars ?? 0, usage: 0, total: board.jsVars ?? 0 }), on: noop },
  };
  for (const id of Object.keys(board.uarts)) globals[id] = serial();
  globals.LoopbackA = serial();
  globals.LoopbackB = serial();
  for (const [name, p] of Object.entries(board.pins)) globals[name] = p.pin;
  for (const [name, l] of Object.entries(board.leds)) globals[name] = board.pins[l.pin]?.pin ?? l.pin;
  for (const [name, b] of Object.entries(board.buttons)) globals[name] = board.pins[b.pin]?.pin ?? b.pin;
  return {
    globals,
    runDueTimers() {
      for (let round = 0; round < 100; round++) {
        const due = [...timers].filter(([, t]) => t.ms <= 0);
        if (due.length === 0) return;
        for (const [id, t] of due) {
          if (!t.repeat) timers.delete(id);
          t.fn();
        }
      }
    },
    nativeVars: () => watches.size * WATCH_VARS + timers.size * TIMER_VARS + listeners.length * LISTENER_VARS,
  };
}
