// The sandbox around the firmware: uncaught errors and flagpoll's reports,
// process.env.BOARD and process.memory(), Serial objects on the SimBoard's
// UARTs, the console, and what a TestBoard around built firmware lacks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listBoards, loadBoard } from '../../src/boards/load.ts';
import { espruinoTestBoard, playBuiltScenario } from '../../src/emulator/espruino-board.ts';
import type { EspruinoTestBoard } from '../../src/emulator/espruino-board.ts';
import type { Firmware } from '../../src/device.ts';
import { MEMORY_VARS } from '../../src/emulator/espruino-sandbox.ts';
import { testBoard } from '../../src/emulator/test-board.ts';
import { api, buildApp, builtBy, entryFile } from './espruino-helpers.ts';
import { scenarioFile } from './helpers.ts';

function run(code: string): EspruinoTestBoard<'espruino-pico'> {
  return espruinoTestBoard({ code }, 'espruino-pico');
}

function texts(b: EspruinoTestBoard): string[] {
  return b.sandbox.log.map((l) => l.text);
}

const THROWERS = `
  setTimeout(function () { throw new Error('boom'); }, 10);
  setInterval(function () { console.log('still here'); }, 20);
  setWatch(function () { var o = null; return o.x; }, A0, { repeat: true, edge: 'both' });
  USB.on('data', function (d) { throw 'bad ' + d; });`;

test('a callback that throws is logged as Uncaught and reported, and the sandbox goes on', () => {
  const b = run(THROWERS);
  b.advance(15);
  b.setPin('A0', 1);
  b.uart('console').send('z');
  b.advance(30);
  assert.deepEqual(texts(b), ['Uncaught Error: boom', "Uncaught TypeError: Cannot read properties of null (reading 'x')", 'Uncaught bad z', 'still here', 'still here']);
  assert.deepEqual(b.sandbox.errors.map((e) => `${e.t} ${e.where}`), ['10 setTimeout callback', '15 setWatch callback (A0)', "15.086805555555555 USB 'data' handler"]);
  assert.deepEqual(b.sim.reports.map((r) => r.message), [
    'uncaught Error: boom in setTimeout callback',
    "uncaught TypeError: Cannot read properties of null (reading 'x') in setWatch callback (A0)",
    "uncaught bad z in USB 'data' handler",
  ]);
});

test('a scenario step during which the firmware threw fails with what it threw', () => {
  const file = scenarioFile('board: espruino-pico\nsteps:\n  - wait: 5ms\n  - wait: 10ms\n  - wait: 10ms\n');
  const { result } = playBuiltScenario({ code: THROWERS }, file);
  assert.deepEqual(result.steps.map((r) => r.ok), [true, false]);
  assert.equal(result.steps[1]!.message, 'step 2 (wait) at line 4: the firmware reported: uncaught Error: boom in setTimeout callback');
});

test('a throw while app.js loads is reported, and what it set up before still runs', () => {
  const b = espruinoTestBoard({ code: "setTimeout(function () { console.log('later'); }, 10);\nthrow new Error('at load');", filename: 'dist/app.js' }, 'espruino-pico');
  b.advance(20);
  assert.deepEqual(texts(b), ['Uncaught Error: at load', 'later']);
  assert.deepEqual(b.sim.reports.map((r) => r.message), ['uncaught Error: at load in dist/app.js at load']);
});

test('a built task that throws is reported as the source run reports it', async (t) => {
  const entry = entryFile('thrower.ts', `import { PENDING, button, pollFn } from ${JSON.stringify(api.index)};
import type { Device } from ${JSON.stringify(api.index)};
export default function (dev: Device): void {
  const press = button(dev, 'BTN1', { debounce: 20 }).waitPress();
  dev.rt.spawn(pollFn((cx) => {
    if (press.poll(cx) === PENDING) return PENDING;
    throw new Error('pressed');
  }), 'fragile');
}
`);
  const app = await buildApp(entry);
  t.diagnostic(builtBy(app));
  const built = espruinoTestBoard(app.file, 'espruino-pico');
  const { default: firmware } = (await import(entry)) as { default: Firmware };
  const source = testBoard('espruino-pico', firmware);
  for (const b of [built, source]) {
    b.press('BTN1');
    b.advance(100);
  }
  // The build leaves out message texts: the chip reports the code and its values, the source run the message.
  assert.deepEqual(built.sim.reports.map((r) => r.message), ['flagpoll E2 fragile Error: pressed']);
  assert.deepEqual(source.sim.reports.map((r) => r.message), ['task "fragile" threw: pressed']);
  assert.deepEqual(texts(built), ['flagpoll E2 fragile Error: pressed']);
});

test("process.env.BOARD answers each Espruino board's id from its board file", () => {
  const espruino = listBoards().filter((b) => b.target === 'espruino');
  assert.ok(espruino.length >= 3);
  for (const board of espruino) {
    const b = espruinoTestBoard({ code: 'console.log(process.env.BOARD);' }, board);
    assert.deepEqual(texts(b), [board.espruinoBoard]);
  }
  assert.equal(loadBoard('espruino-pico').espruinoBoard, 'PICO_R1_3');
});

test('firmware built for one board says so when started on another', async () => {
  const app = await buildApp('examples/blink.ts');
  const b = espruinoTestBoard(app.file, 'puck-js');
  assert.equal(b.sim.reports[0]?.message, 'built for espruino-pico (PICO_R1_3) but this board is PUCKJS');
});

test('process.memory() counts the timers, watches and listeners held, and comes back to the same usage after events', async () => {
  const b = run(`
    setInterval(function () {}, 100);
    setWatch(function () {}, A0, { repeat: true, edge: 'both', debounce: 5 });
    Serial1.on('data', function () {});
    setTimeout(function () { console.log(JSON.stringify(process.memory())); }, 1);`);
  b.setPin('A0', 1); // a debounce timeout: one timer more until it fires
  b.advance(2);
  const usage = 3 * MEMORY_VARS.timer + MEMORY_VARS.watch + MEMORY_VARS.listener;
  assert.deepEqual(JSON.parse(texts(b)[0]!), { free: 5100 - usage, usage, total: 5100, history: 0, gc: 0, gctime: 0, blocksize: 14 });
  b.advance(10);
  assert.equal(b.sandbox.memory().usage, usage - 2 * MEMORY_VARS.timer);

  const app = await buildApp('examples/button.ts');
  const button = espruinoTestBoard(app.file, 'espruino-pico');
  button.press('BTN1');
  button.advance(100);
  const settled = button.sandbox.memory().usage;
  for (let i = 0; i < 5; i++) {
    button.press('BTN1');
    button.advance(100);
    assert.equal(button.sandbox.memory().usage, settled);
  }
});

test("bytes sent arrive as 'data' one byte time apart; writes go out at the baud setup gave", () => {
  const b = run(`
    Serial1.setup(9600, { rx: B7, tx: B6 });
    Serial1.on('data', function (d) { console.log('got ' + d); Serial1.write(d.toUpperCase()); });
    USB.write(65); USB.print('b'); USB.println('c'); USB.write([100, 'e'], 102);`);
  b.uart('Serial1').send('hi');
  b.advance(1);
  assert.deepEqual(texts(b), []);
  b.advance(1.1);
  assert.deepEqual(b.sandbox.log.map((l) => `${l.t.toFixed(4)} ${l.text}`), ['1.0417 got h', '2.0833 got i']);
  b.advance(5);
  assert.equal(b.uart('Serial1').output(), 'HI');
  assert.equal(b.uart('console').output(), 'Abc\r\ndef');
});

test('console.log is kept with its time and does not go out on the console UART', () => {
  const b = run("setTimeout(function () { console.log('a', 1, true); print('b'); }, 5);");
  b.advance(10);
  assert.deepEqual(b.sandbox.log, [{ t: 5, text: 'a 1 true' }, { t: 5, text: 'b' }]);
  assert.equal(b.uart('console').output(), '');
});

test('startEspruino sets pretokenise, and a TestBoard around built firmware has no host Device', async () => {
  const app = await buildApp('examples/blink.ts');
  const b = espruinoTestBoard(app.file, 'espruino-pico');
  assert.equal(b.sandbox.flags.pretokenise, 1);
  assert.throws(() => b.dev, /this espruino-pico runs built firmware, which has no host Device/);
});

test('a sandbox refuses a board that is not an Espruino board', () => {
  assert.throws(() => espruinoTestBoard({ code: '1' }, 'nodemcu-esp8266'), /board nodemcu-esp8266 runs nodemcu firmware, not Espruino's/);
});
