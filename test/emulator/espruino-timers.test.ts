// The sandbox's timers, in virtual time, as Espruino runs them: deadline
// order, creation order at one instant, the 0.1 ms minimum, drift-free
// intervals, changeInterval, ids, clearing; and flagpoll's own alarm (a
// setTimeout of the built firmware) among the firmware's other timers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { espruinoTestBoard } from '../../src/emulator/espruino-board.ts';
import type { EspruinoTestBoard } from '../../src/emulator/espruino-board.ts';
import { secondsOf } from '../../src/emulator/espruino-timers.ts';
import { buildApp } from './espruino-helpers.ts';

function run(code: string): EspruinoTestBoard {
  return espruinoTestBoard({ code }, 'espruino-pico');
}

/** Console lines as "<virtual ms> <text>". */
function logged(b: EspruinoTestBoard): string[] {
  return b.sandbox.log.map((l) => `${l.t} ${l.text}`);
}

test('timeouts run at their deadlines in time order, with getTime() in seconds', () => {
  const b = run(`
    setTimeout(function () { console.log('b ' + getTime()); }, 20);
    setTimeout(function () { console.log('a ' + getTime()); }, 10);
    setTimeout(function () { console.log('c ' + getTime()); }, 20);`);
  b.advance(9);
  assert.deepEqual(logged(b), []);
  b.advance(30);
  assert.deepEqual(logged(b), ['10 a 0.01', '20 b 0.02', '20 c 0.02']);
  assert.equal(b.sandbox.stats().timers, 0);
});

test('an interval keeps to its grid; changeInterval restarts it from now', () => {
  const b = run(`
    var id = setInterval(function () { console.log('tick'); }, 100);
    setTimeout(function () { console.log('change'); changeInterval(id, 30); }, 250);`);
  b.advance(350);
  assert.deepEqual(logged(b), ['100 tick', '200 tick', '250 change', '280 tick', '310 tick', '340 tick']);
});

test('an interval is re-armed from its deadline with the interval it has after its callback', () => {
  const b = run(`
    var n = 0;
    var id = setInterval(function () { n++; console.log('tick ' + n); if (n === 2) changeInterval(id, 50); }, 100);`);
  b.advance(400);
  // At 200 changeInterval sets "50 ms from now", but the loop then re-arms from the deadline: 200 + 50.
  assert.deepEqual(logged(b), ['100 tick 1', '200 tick 2', '250 tick 3', '300 tick 4', '350 tick 5', '400 tick 6']);
});

test('setTimeout(f, 0) runs 0.1 ms later, after the callback that set it has returned', () => {
  const b = run(`
    setTimeout(function () {
      setTimeout(function () { console.log('inner'); }, 0);
      console.log('outer');
    }, 10);`);
  b.advance(10);
  assert.deepEqual(logged(b), ['10 outer']);
  b.advance(1);
  assert.deepEqual(logged(b), ['10 outer', '10.1 inner']);
});

test('timers due at one instant run in creation order, whatever order their delays were given in', () => {
  const b = run(`
    setTimeout(function () { console.log('first made'); }, 30);
    setTimeout(function () { setTimeout(function () { console.log('made at 10'); }, 20); }, 10);
    setTimeout(function () { console.log('third made'); }, 30);`);
  b.advance(30);
  assert.deepEqual(logged(b), ['30 first made', '30 third made', '30 made at 10']);
});

test('ids count up from 1 and are reused once the newest timer is gone, as Espruino numbers them', () => {
  const b = run(`
    var a = setTimeout(function () {}, 10), c = setTimeout(function () {}, 10), d = setTimeout(function () {}, 10);
    console.log('ids ' + a + ' ' + c + ' ' + d);
    clearTimeout(d);
    console.log('after clearing the newest ' + setTimeout(function () {}, 10));
    clearTimeout(c);
    console.log('after clearing one in the middle ' + setTimeout(function () {}, 10));
    setTimeout(function () { console.log('inside the last one ' + setTimeout(function () {}, 10)); }, 50);`);
  b.advance(100);
  // A timer leaves the list after its callback: inside it, it is still the newest (5).
  assert.deepEqual(logged(b).map((l) => l.replace(/^\S+ /, '')), ['ids 1 2 3', 'after clearing the newest 3', 'after clearing one in the middle 4', 'inside the last one 6']);
  assert.equal(b.sandbox.stats().timers, 0);
  const setTimeout = b.sandbox.globals().setTimeout as (fn: () => void, ms: number) => number;
  assert.equal(setTimeout(() => {}, 10), 1, 'an empty list starts again at 1');
});

test('clearTimeout() clears every timer, clearTimeout(undefined) throws, an unknown id is ignored', () => {
  const b = run(`
    setTimeout(function () { console.log('never'); }, 10);
    setInterval(function () { console.log('never'); }, 10);
    clearTimeout(99);
    try { clearTimeout(undefined); } catch (e) { console.log('threw: ' + e.message); }
    clearTimeout();
    try { changeInterval(1, 10); } catch (e) { console.log('threw: ' + e.message); }`);
  b.advance(100);
  assert.deepEqual(logged(b), ['0 threw: clearTimeout(undefined) not allowed. Use clearTimeout() instead', '0 threw: Unknown Interval']);
  assert.equal(b.sandbox.stats().timers, 0);
});

test('setTimeout passes its extra arguments and clamps a negative or missing delay to 0.1 ms', () => {
  const b = run(`
    setTimeout(function (x, y) { console.log('args ' + x + ' ' + y); }, -5, 'p', 7);
    setTimeout(function () { console.log('no delay'); });`);
  b.advance(1);
  assert.deepEqual(logged(b), ['0.1 args p 7', '0.1 no delay']);
});

test("flagpoll's alarm and the firmware's own timers move together in virtual time", async () => {
  const app = await buildApp('examples/blink.ts');
  const b = run(`${app.code}
    setInterval(function () { console.log('LED1 ' + digitalRead(LED1)); }, 250);`);
  b.advance(1300);
  // At one instant, list order decides: at 500 the alarm (made at start-up, before the interval) toggles
  // first; it re-arms with a new setTimeout at the end of the list, so at 1000 the interval reads first.
  assert.deepEqual(logged(b), ['250 LED1 1', '500 LED1 0', '750 LED1 0', '1000 LED1 0', '1250 LED1 1']);
  assert.deepEqual(b.pinHistory('LED1').map((c) => `${c.t}:${c.level}`), ['0:0', '0:1', '500:0', '1000:1']);
});

test('getTime() * 1000 gives the virtual ms back, or the nearest float above it', () => {
  for (const ms of [0, 0.1, 1, 1001, 1003, 250.69444444444446, 123456.789]) {
    const s = secondsOf(ms);
    assert.ok(s * 1000 >= ms, `${ms}`);
    assert.ok(s * 1000 - ms < 1e-9, `${ms}`);
  }
  assert.equal(secondsOf(1000) * 1000, 1000);
  assert.equal(secondsOf(1100) * 1000, 1100);
});
