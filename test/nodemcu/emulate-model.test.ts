// The NodeMCU model (src/emulator/nodemcu/*.lua) on real Lua, with small
// hand-written firmware (test/fixtures/nodemcu): what NodeMCU does is what
// the emulated board does, and what NodeMCU refuses is a Lua error that names
// the firmware's line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BoardId } from '../../src/boards/catalog.ts';
import { nodemcuTestBoard } from '../../src/emulator/nodemcu-board.ts';
import type { NodemcuBoardOptions, NodemcuTestBoard } from '../../src/emulator/nodemcu-board.ts';
import { skipWithoutLua } from '../lua/helpers.ts';

const ESP8266 = { skip: skipWithoutLua('5.1') };
const ESP32 = { skip: skipWithoutLua('5.3') };

function fixture(name: string): string {
  return `test/fixtures/nodemcu/${name}`;
}

/** Run `name` on `board`, drive it with `fn`, end the child; answers the board for its records. */
function run(name: string, board: BoardId, fn: (b: NodemcuTestBoard) => void = () => {}, options: NodemcuBoardOptions = {}): NodemcuTestBoard {
  const b = nodemcuTestBoard(fixture(name), board, options);
  try {
    fn(b);
  } finally {
    b.close();
  }
  return b;
}

function reports(b: NodemcuTestBoard): string[] {
  return b.sim.reports.map((r) => r.message);
}

test('an AUTO timer toggles the LED every 500 ms and print goes to the console UART', ESP8266, () => {
  const b = run('blink-esp8266.lua', 'nodemcu-esp8266', (b) => b.advance(1600));
  assert.deepEqual(b.pinHistory('LED1'), [{ t: 0, level: 0 }, { t: 500, level: 1 }, { t: 1000, level: 0 }, { t: 1500, level: 1 }]);
  assert.equal(b.uart('console').output(), 'blink at 0\n');
  assert.deepEqual(reports(b), []);
});

test('gpio.trig merges interrupts that come before its task runs into one call: first level and stamp, eventcount', ESP8266, () => {
  const b = run('irq-esp8266.lua', 'nodemcu-esp8266', (b) => {
    b.advance(2.5);
    // Three edges in one instant, with no main-loop turn between: one task, count 3.
    b.sim.setInput(3, 0);
    b.sim.setInput(3, 1);
    b.sim.setInput(3, 0);
    b.runUntilIdle();
    b.advance(1);
    b.setPin('BTN1', 1);
  });
  assert.deepEqual(b.consoleLines(), ['trig level=0 when=2500 count=3 now=0', 'trig level=1 when=3500 count=1 now=1']);
});

test('uart.on("data", 0) hands each callback what arrived, and uart.write sends at the baud', ESP8266, () => {
  const b = run('uart-esp8266.lua', 'nodemcu-esp8266', (b) => {
    b.uart('console').send('abc');
    b.advance(5);
  });
  assert.equal(b.uart('console').output(), '[a][b][c]');
});

test('posted tasks run after init.lua, highest priority first, never inside another callback', ESP8266, () => {
  const b = run('tasks-esp8266.lua', 'nodemcu-esp8266', (b) => b.advance(1));
  assert.deepEqual(b.consoleLines(), ['init done', 'high', 'medium', 'high, posted by medium', 'low']);
});

test('a ninth task posted at once overflows the queue, as NodeMCU raises', ESP8266, () => {
  const b = run('overflow-esp8266.lua', 'nodemcu-esp8266');
  assert.deepEqual(reports(b), ['Lua error: test/fixtures/nodemcu/overflow-esp8266.lua:2: Task queue overflow. Task not posted']);
});

test('tmr.now() counts µs and wraps to 0 at 2^31 on the ESP8266', ESP8266, () => {
  const b = run('wrap-esp8266.lua', 'nodemcu-esp8266', (b) => b.advance(2_147_490));
  assert.deepEqual(b.consoleLines(), ['now 2147483000', 'now 352']);
});

test('ESP32: gpio.config, trig callback (pin, level) with edges lost until it ran, uart.on with the id, node.uptime', ESP32, () => {
  const b = run('esp32.lua', 'nodemcu-esp32', (b) => {
    b.sim.setInput(0, 0);
    b.sim.setInput(0, 1); // the interrupt is off until the callback of the falling edge has run
    b.runUntilIdle();
    b.uart('console').send('hi');
    b.advance(300);
  });
  assert.deepEqual(b.pinHistory('LED1'), [{ t: 0, level: 1 }]);
  assert.equal(b.uart('console').output(), 'trig 0 0\ngot h\r\ngot i\r\nuptime 250000\n');
});

test('ESP32: the console module hands a NONINTERACTIVE console\'s bytes to console.on\'s callback and sends console.write\'s; uart.start answers true', ESP32, () => {
  const b = run('console-esp32.lua', 'nodemcu-esp32', (b) => {
    b.uart('console').send('a');
    b.advance(5);
    b.uart('console').send('x');
    b.advance(5);
    b.uart('console').send('b');
    b.advance(5);
  });
  assert.equal(b.uart('console').output(), 'uart2 started\ttrue\ngot a\n');
  assert.deepEqual(reports(b), []);
});

test('gpio.trig on pin 0 of the ESP8266 is the firmware\'s error, at the firmware\'s line', ESP8266, () => {
  const b = run('bad-trig-esp8266.lua', 'nodemcu-esp8266');
  assert.deepEqual(reports(b), ["Lua error: test/fixtures/nodemcu/bad-trig-esp8266.lua:2: bad argument #1 to 'trig' (Invalid interrupt pin)"]);
});

test('Lua 5.3 NodeMCU refuses a fraction of a millisecond', ESP32, () => {
  const b = run('fraction-esp32.lua', 'nodemcu-esp32');
  assert.deepEqual(reports(b), ["Lua error: test/fixtures/nodemcu/fraction-esp32.lua:2: bad argument #1 to 'alarm' (number has no integer representation)"]);
});

test('an error in a callback is reported with its line, and the firmware stops', ESP8266, () => {
  const b = run('raises-esp8266.lua', 'nodemcu-esp8266', (b) => b.advance(1000));
  assert.deepEqual(reports(b), ["Lua error: test/fixtures/nodemcu/raises-esp8266.lua:7: attempt to index local 'sensor' (a nil value)"]);
  assert.match(b.firmware.errors[0]!.text, /stack traceback:\n\s*test\/fixtures\/nodemcu\/raises-esp8266\.lua:7: in function/);
  assert.equal(b.firmware.stopped, true);
  assert.equal(b.sim.alarm, Infinity);
});

test('init.lua with a syntax error is reported with its line', ESP8266, () => {
  const b = run('syntax-error.lua', 'nodemcu-esp8266');
  assert.deepEqual(reports(b), ["Lua error: test/fixtures/nodemcu/syntax-error.lua:2: unexpected symbol near '='"]);
});

test('a callback that never returns is stopped by the watchdog, not a hang', ESP8266, () => {
  const b = run('endless-esp8266.lua', 'nodemcu-esp8266', (b) => b.advance(100), { watchdogS: 0.2 });
  assert.deepEqual(reports(b), ['Lua error: test/fixtures/nodemcu/endless-esp8266.lua:2: watchdog: a callback ran for more than 0.2 s without returning (the chip would reset)']);
});

test('a missing init.lua and a board of another target are refused', () => {
  assert.throws(() => nodemcuTestBoard('nowhere/init.lua', 'nodemcu-esp8266'), { message: 'nowhere/init.lua: no such file' });
  assert.throws(() => nodemcuTestBoard(fixture('blink-esp8266.lua'), 'espruino-pico'), { message: "board espruino-pico runs espruino firmware, not NodeMCU's" });
});
