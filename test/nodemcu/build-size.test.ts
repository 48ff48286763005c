// What the NodeMCU build's size passes leave in init.lua (lua-shake.ts,
// lua-mangle.ts, lua-errors.ts, lua-enums.ts, the chip picked at build time), and the
// examples that now fit the ESP8266's Lua heap with the budget checked.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBoard } from '../../src/boards/load.ts';
import { buildNodeMcu } from '../../src/build/nodemcu.ts';
import { skipWithoutLua } from '../lua/helpers.ts';
import { buildExample } from './build-helpers.ts';

test('init.lua carries only its board\'s chip file', async () => {
  const esp8266 = (await buildExample('blink', 'nodemcu-esp8266')).code;
  const esp32 = (await buildExample('blink', 'nodemcu-esp32')).code;
  assert.match(esp8266, /Esp8266Chip/);
  assert.doesNotMatch(esp8266, /Esp32Chip/);
  assert.match(esp32, /Esp32Chip/);
  assert.doesNotMatch(esp32, /Esp8266Chip/);
});

test('init.lua has no stack-walking Error and no method nothing calls', async () => {
  const code = (await buildExample('multitask', 'nodemcu-esp8266')).code;
  assert.doesNotMatch(code, /getErrorStack|debug\.traceback/);
  // The error codes are numbers: no Code table.
  assert.doesNotMatch(code, /SpawnBusy/);
  // Tracing is off in the NodeMCU build, and multitask watches no pin: nothing calls these.
  assert.doesNotMatch(code, /prototype\.pollTraced\(/);
  assert.doesNotMatch(code, /NodeMcuHal\.prototype\.watch\(/);
  // ...and what it does call stays.
  assert.match(code, /Executor\.prototype\.spawn\(/);
});

for (const name of ['blink', 'uart-echo', 'button']) {
  test(`${name} builds for nodemcu-esp8266 within its Lua heap, the budget checked on stripped bytecode`, { skip: skipWithoutLua('5.1') }, async () => {
    const b = await buildNodeMcu(`examples/${name}.ts`, loadBoard('nodemcu-esp8266'));
    assert.equal(b.report.budget_measure, 'bytecode');
    assert.ok(b.report.bytecode_bytes! <= b.report.budget_bytes, `${b.report.bytecode_bytes} of ${b.report.budget_bytes}`);
  });
}
