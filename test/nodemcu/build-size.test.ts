// What the NodeMCU build's size passes leave in init.lua (lua-shake.ts,
// lua-mangle.ts, lua-errors.ts, lua-enums.ts, lua-flatten.ts, the chip picked at build time), and the
// examples, every one within the ESP8266's Lua heap, the budget checked.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipWithoutLua } from '../lua/helpers.ts';
import { EXAMPLES, buildExample } from './build-helpers.ts';

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
  // Tracing is off in the NodeMCU build, and multitask watches no pin: nothing calls these
  // (member names are renamed, so they are told by what they hold: Executor's pollSlotTraced
  // records "poll" and "pending", NodeMcuHal's watch reaches gpio.trig, which button keeps).
  assert.doesNotMatch(code, /"poll"|"pending"/);
  assert.doesNotMatch(code, /gpio\.trig\(/);
  assert.match((await buildExample('button', 'nodemcu-esp8266')).code, /gpio\.trig\(/);
  // ...and what it does call stays: Executor's spawn, refusing with SpawnError "busy" when the table is full.
  assert.match(code, /SpawnError, "busy"/);
});

test('init.lua is one scope: no require shim, no module table, no export tables', async () => {
  for (const board of ['nodemcu-esp8266', 'nodemcu-esp32']) {
    const code = (await buildExample('multitask', board)).code;
    assert.doesNotMatch(code, /\brequire\b|____modules|____exports|____lualib/);
  }
});

test('init.lua has no lualib Symbol table, no Error class it does not make, and no class name nothing reads', async () => {
  const code = (await buildExample('multitask', 'nodemcu-esp8266')).code;
  assert.doesNotMatch(code, /Symbol|hasInstance|RangeError|TypeError|URIError/);
  // The chip class is handed to startNodeMCU as a value, so its name could be read (lua-unnamed-classes.ts keeps it).
  assert.deepEqual([...code.matchAll(/^(\w+)\.name = "\1"$/gm)].map((m) => m[1]), ['Esp8266Chip']);
  assert.match(code, /^Executor = \w+\(\)$/m);
});

for (const name of EXAMPLES) {
  test(`${name} builds for nodemcu-esp8266 within its Lua heap, the budget checked on stripped bytecode`, { skip: skipWithoutLua('5.1') }, async () => {
    const b = await buildExample(name, 'nodemcu-esp8266');
    assert.equal(b.report.budget_measure, 'bytecode');
    assert.ok(b.report.bytecode_bytes! <= b.report.budget_bytes, `${b.report.bytecode_bytes} of ${b.report.budget_bytes}`);
  });
}
