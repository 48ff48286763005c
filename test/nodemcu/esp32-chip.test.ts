// The ESP32 chip file (src/targets/nodemcu/esp32.ts) on both lines of
// NodeMCU's ESP32 firmware, against a recording stand-in for its modules (a
// test double, not a model: the emulator models the current dev-esp32): with
// the console module (current dev-esp32) the console is read and written
// through it; without (dev-esp32-idf3-final) through uart.on(0, ...) as before.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBoard } from '../../src/boards/load.ts';
import { Esp32Chip } from '../../src/targets/nodemcu/esp32.ts';
import type { Esp32 } from '../../src/targets/nodemcu/nodemcu.d.ts';

/** ESP32 modules that record each uart and console call; `console`: whether the firmware has the console module. */
function modules(console: boolean) {
  const calls: string[] = [];
  const rec = (name: string) => (...args: unknown[]) => {
    calls.push(`${name}(${args.map((a) => (typeof a === 'function' ? 'cb' : a === undefined ? 'nil' : JSON.stringify(a))).join(', ')})`);
    return true;
  };
  const g = {
    uart: { PARITY_NONE: 0, STOPBITS_1: 1, setup: rec('uart.setup'), start: rec('uart.start'), on: rec('uart.on'), write: rec('uart.write') },
    console: console ? { INTERACTIVE: 1, NONINTERACTIVE: 0, on: rec('console.on'), mode: rec('console.mode'), write: rec('console.write') } : undefined,
    gpio: {}, tmr: { create: () => ({}) }, node: {}, print: () => {},
  };
  return { chip: new Esp32Chip(g as unknown as Esp32, loadBoard('nodemcu-esp32'), 'b1d00002') as unknown as ChipFace, calls };
}

/** The chip file's own calls, which the platform makes (protected there). */
interface ChipFace {
  openPort(id: number, baud: number, rx: number, tx: number, cb: (data: string) => void): void;
  releaseConsole(id: number, baud: number): void;
  send(id: number, byte: number): void;
}

test('with the console module, the console is read through console.on in NONINTERACTIVE mode, written with console.write, and given back INTERACTIVE', () => {
  const { chip, calls } = modules(true);
  chip.openPort(0, 115200, -1, -1, () => {});
  chip.send(0, 65);
  chip.releaseConsole(0, 115200);
  assert.deepEqual(calls, ['console.on("data", 0, cb)', 'console.mode(0)', 'console.write(65)', 'console.on("data", 0, nil)', 'console.mode(1)']);
});

test('without the console module (idf3 firmware), the console is uart 0: setup with echo off, uart.on with run_input 0, given back with echo on', () => {
  const { chip, calls } = modules(false);
  chip.openPort(0, 115200, -1, -1, () => {});
  chip.send(0, 65);
  chip.releaseConsole(0, 115200);
  assert.deepEqual(calls, ['uart.setup(0, 115200, 8, 0, 1, 0)', 'uart.on(0, "data", 0, cb, 0)', 'uart.write(0, 65)', 'uart.on(0, "data")', 'uart.setup(0, 115200, 8, 0, 1, 1)']);
});

test('a UART that is not the console is set up on its pins and started, on both lines', () => {
  for (const hasConsole of [true, false]) {
    const { chip, calls } = modules(hasConsole);
    chip.openPort(2, 9600, 16, 17, () => {});
    chip.send(2, 66);
    assert.deepEqual(calls, ['uart.setup(2, 9600, 8, 0, 1, {"tx":17,"rx":16})', 'uart.start(2)', 'uart.on(2, "data", 0, cb, 0)', 'uart.write(2, 66)']);
  }
});
