// The sandbox's pins: setWatch with Espruino's edge and debounce rules,
// callbacks from the event FIFO on the main loop, output writes in the
// SimBoard's history, and the Pin objects a board file names.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { espruinoTestBoard } from '../../src/emulator/espruino-board.ts';
import type { EspruinoBoardOptions, EspruinoTestBoard } from '../../src/emulator/espruino-board.ts';

function run(code: string, options: EspruinoBoardOptions = {}): EspruinoTestBoard<'espruino-pico'> {
  return espruinoTestBoard({ code }, 'espruino-pico', options);
}

function logged(b: EspruinoTestBoard): string[] {
  return b.sandbox.log.map((l) => `${l.t} ${l.text}`);
}

/** Console lines without their times. */
function texts(b: EspruinoTestBoard): string[] {
  return b.sandbox.log.map((l) => l.text);
}

const SHOW = "function (e) { console.log(e.state + ' ' + e.time + ' ' + e.lastTime); }";

test('without debounce each change is reported with its state, its time and the time before', () => {
  const b = run(`pinMode(A0, 'input'); setWatch(${SHOW}, A0, { repeat: true, edge: 'both' });`);
  b.advance(10);
  b.setPin('A0', 1);
  b.advance(5);
  b.setPin('A0', 0);
  assert.deepEqual(logged(b), ['10 true 0.01 undefined', '15 false 0.015 0.01']);
});

test('a change shorter than the debounce is no change; a longer one is reported when it has held, stamped when it happened', () => {
  const b = run(`setWatch(${SHOW}, A0, { repeat: true, edge: 'both', debounce: 20 });`);
  b.advanceTo(10);
  b.setPin('A0', 1);
  b.advanceTo(15);
  b.setPin('A0', 0); // back within 5 ms: a bounce
  b.advanceTo(200);
  assert.deepEqual(logged(b), []);
  b.setPin('A0', 1);
  b.advanceTo(300);
  b.setPin('A0', 0); // a bounce in a long high: the last change counts
  b.advanceTo(305);
  b.setPin('A0', 1);
  b.advanceTo(400);
  b.setPin('A0', 0);
  b.advanceTo(500);
  assert.deepEqual(logged(b), ['220 true 0.2 undefined', '420 false 0.4 0.2']);
});

test('a rising-edge watch is silent on falling edges, and its lastTime still moves with them', () => {
  const b = run(`setWatch(${SHOW}, A0, { repeat: true, edge: 'rising' });`);
  for (const [t, level] of [[10, 1], [20, 0], [30, 1]] as const) {
    b.advanceTo(t);
    b.setPin('A0', level);
  }
  assert.deepEqual(logged(b), ['10 true 0.01 undefined', '30 true 0.03 0.02']);
});

test('a watch on a button defaults to its press edge, debounced 25 ms, as Espruino does for BTN pins', () => {
  const b = run(`pinMode(BTN1, 'input_pulldown'); setWatch(${SHOW}, BTN1, { repeat: true });`);
  b.press('BTN1', 10); // shorter than 25 ms
  b.advance(100);
  b.press('BTN1', 50);
  b.advance(100);
  assert.deepEqual(logged(b), ['135 true 0.11 undefined']);
});

test('a one-shot watch reports once and is gone', () => {
  const b = run(`setWatch(${SHOW}, A0, { edge: 'both' });`);
  b.setPin('A0', 1);
  b.setPin('A0', 0);
  assert.deepEqual(logged(b), ['0 true 0 undefined']);
  assert.equal(b.sandbox.stats().watches, 0);
});

test('clearWatch stops the reports, but a debounce already running reports its change once, as on the device', () => {
  const b = run(`
    var id = setWatch(${SHOW}, A0, { repeat: true, edge: 'both', debounce: 20 });
    setTimeout(function () { clearWatch(id); console.log('cleared'); }, 15);`);
  b.advanceTo(10);
  b.setPin('A0', 1);
  b.advanceTo(100);
  b.setPin('A0', 0);
  b.advanceTo(200);
  assert.deepEqual(logged(b), ['15 cleared', '30 true 0.01 undefined']);
  assert.equal(b.sandbox.stats().watches, 0);
});

test('two watches on one pin each keep their own debounce', () => {
  const b = run(`
    setWatch(function (e) { console.log('fast ' + e.state); }, A0, { repeat: true, edge: 'both' });
    setWatch(function (e) { console.log('slow ' + e.state); }, A0, { repeat: true, edge: 'both', debounce: 20 });`);
  b.setPin('A0', 1);
  b.advance(5);
  b.setPin('A0', 0);
  b.advance(50);
  assert.deepEqual(logged(b), ['0 fast true', '5 fast false']);
});

test('watch callbacks run from the main loop, one after another, never inside the change or inside each other', () => {
  const b = run(`setWatch(function (e) { console.log('in ' + e.state); console.log('out ' + e.state); }, A0, { repeat: true, edge: 'both' });`);
  b.sim.setInput('A0', 1); // the interrupt side only: queued, not run
  b.sim.setInput('A0', 0);
  b.sim.setInput('A0', 1);
  assert.deepEqual(logged(b), []);
  b.runUntilIdle();
  assert.deepEqual(texts(b), ['in true', 'out true', 'in false', 'out false', 'in true', 'out true']);
});

test('a full event FIFO drops the changes that do not fit and raises FIFO_FULL once', () => {
  const b = run(`
    setWatch(function (e) { console.log('edge ' + e.state); }, A0, { repeat: true, edge: 'both' });
    setTimeout(function () { console.log('flags ' + E.getErrorFlags().join() + ', then ' + E.getErrorFlags().join()); }, 10);`, { fifo: 4 });
  for (let i = 0; i < 6; i++) b.sim.setInput('A0', (i + 1) % 2);
  b.advance(20);
  assert.deepEqual(texts(b), ['edge true', 'edge false', 'edge true', 'edge false', 'flags FIFO_FULL, then ']);
});

test('output writes land in the pin history, and a test cannot drive a pin the firmware drives', () => {
  const b = run(`
    digitalWrite(B3, 1);
    setTimeout(function () { B3.write(0); }, 10);
    setTimeout(function () { B3.set(); LED1.toggle(); }, 20);`);
  b.advance(30);
  assert.deepEqual(b.pinHistory('B3'), [{ t: 0, level: 1 }, { t: 10, level: 0 }, { t: 20, level: 1 }]);
  assert.deepEqual(b.pinHistory('LED1'), [{ t: 20, level: 1 }]);
  assert.equal(b.ledOn('LED1'), true);
  assert.throws(() => b.setPin('B3', 0), /pin B3 is an output of the firmware/);
});

test('every pin of the board is a global Pin, and LED1, LED2, BTN1 and BTN are the same objects as their pins', () => {
  const b = run(`
    console.log([LED1 === B2, LED2 === B12, BTN1 === C13, BTN === BTN1, String(B2), typeof A10.read, typeof Serial1.write, typeof USB.on].join(' '));
    console.log('C13 reads ' + digitalRead(C13) + ', mode ' + C13.getMode());`);
  assert.deepEqual(logged(b), ['0 true true true true B2 function function function', '0 C13 reads 0, mode input']);
});
