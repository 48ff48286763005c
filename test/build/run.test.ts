// The built app.js runs: evaluated in a node:vm context with the few
// Espruino globals it calls, stubbed, blink lights LED1 (B2) at start and
// toggles it on its timer; uart-echo answers a line on the console.
// (The full Espruino sandbox lives in src/emulator/; this stays minimal.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { example } from './helpers.ts';

interface Stubbed {
  writes: string[];
  sent: number[];
  timers: { fn: () => void; at: number }[];
  serialData: ((s: string) => void)[];
  time: number;
  global: Record<string, unknown>;
  /** The line a firmware prints as it takes the console, and the move. */
  logs: string[];
}

function run(code: string): Stubbed {
  const s: Stubbed = { writes: [], sent: [], timers: [], serialData: [], time: 0, global: {}, logs: [] };
  const pin = (name: string) => ({ name });
  const serial = { setup() {}, on: (_e: string, fn: (s: string) => void) => void s.serialData.push(fn), write: (b: number) => void s.sent.push(b) };
  const context = vm.createContext({
    B2: pin('B2'), B12: pin('B12'), C13: pin('C13'), USB: { ...serial, setConsole() {} }, LoopbackA: { setConsole: () => s.logs.push('-> LoopbackA') },
    digitalWrite: (p: { name: string }, v: number) => void s.writes.push(`${p.name}=${Number(v)}`),
    digitalRead: () => 0,
    pinMode() {},
    setWatch: () => 1,
    getTime: () => s.time / 1000,
    setTimeout: (fn: () => void, ms: number) => s.timers.push({ fn, at: s.time + ms }) - 1,
    clearTimeout: (id: number) => void (s.timers[id] = { fn() {}, at: Infinity }),
    E: { setFlags() {} },
    process: { env: { BOARD: 'PICO_R1_3' }, memory: () => ({ usage: 0, free: 5100, total: 5100 }) },
    console: { log: (m: string) => (m.startsWith('flagpoll build ') ? void s.logs.push(m) : assert.fail(`console.log: ${m}`)) },
  });
  vm.runInContext(code, context, { filename: 'app.js' });
  s.global = vm.runInContext('globalThis', context) as Record<string, unknown>;
  return s;
}

/** Fire timers due by `t` (ms), in deadline order, moving the clock. */
function advanceTo(s: Stubbed, t: number): void {
  for (;;) {
    const due = s.timers.map((x, i) => ({ ...x, i })).filter((x) => x.at <= t).sort((a, b) => a.at - b.at)[0];
    if (due === undefined) break;
    s.timers[due.i] = { fn() {}, at: Infinity };
    s.time = Math.max(s.time, due.at);
    due.fn();
  }
  s.time = t;
}

test('blink drives B2 high at start and toggles it every 500 ms', async () => {
  const built = await example('blink');
  const s = run(built.code);
  advanceTo(s, 0);
  assert.equal(s.writes.at(-1), 'B2=1');
  advanceTo(s, 500);
  assert.equal(s.writes.at(-1), 'B2=0');
  advanceTo(s, 1000);
  assert.equal(s.writes.at(-1), 'B2=1');
});

test('the started firmware answers its build id as the global FLAGPOLL_BUILD', async () => {
  const built = await example('blink');
  assert.equal(run(built.code).global.FLAGPOLL_BUILD, built.buildId);
});

test('uart-echo echoes a console line', async () => {
  const built = await example('uart-echo');
  const s = run(built.code);
  advanceTo(s, 0);
  for (const on of s.serialData) on('hi\r');
  advanceTo(s, 10);
  assert.equal(String.fromCharCode(...s.sent), 'echo: hi\r\n');
  assert.match(s.logs.join('\n'), /^flagpoll build \w+: USB is the firmware's input now.*\n-> LoopbackA$/);
});
