// `flagpoll emulate <init.lua> --board <nodemcu board>` and the Lua child
// under it: output, exit codes, refusals, and a child that dies.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { LuaChild, LuaChildError } from '../../src/emulator/nodemcu-bridge.ts';
import { skipWithoutLua } from '../lua/helpers.ts';

const ESP8266 = { skip: skipWithoutLua('5.1') };

function flagpoll(...args: string[]): { status: number | null; out: string; err: string } {
  const r = spawnSync('node', ['bin/flagpoll.js', ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

test('flagpoll emulate runs an init.lua to --until and prints pins and console lines', ESP8266, () => {
  const r = flagpoll('emulate', 'test/fixtures/nodemcu/blink-esp8266.lua', '--board', 'nodemcu-esp8266', '--until', '1.2s');
  assert.equal(r.status, 0, r.err);
  assert.deepEqual(r.out.trimEnd().split('\n'), [
    '[   0.000 s] LED1 (D4) = 0',
    '[   0.001 s] console < blink at 0',
    '[   0.500 s] LED1 (D4) = 1',
    '[   1.000 s] LED1 (D4) = 0',
    '[   1.200 s] stopped: Lua 5.1, firmware running',
  ]);
});

test('flagpoll emulate exits 1 with the Lua message and traceback when the firmware raises', ESP8266, () => {
  const r = flagpoll('emulate', 'test/fixtures/nodemcu/raises-esp8266.lua', '--board', 'nodemcu-esp8266', '--until', '1s');
  assert.equal(r.status, 1);
  const lines = r.out.trimEnd().split('\n');
  assert.ok(lines.includes("[   0.100 s] Lua error: test/fixtures/nodemcu/raises-esp8266.lua:7: attempt to index local 'sensor' (a nil value)"), r.out);
  assert.equal(lines.at(-1), "report: Lua error: test/fixtures/nodemcu/raises-esp8266.lua:7: attempt to index local 'sensor' (a nil value)");
});

test('flagpoll emulate refuses an init.lua on a board that is not a NodeMCU board, and a missing one', () => {
  const other = flagpoll('emulate', 'test/fixtures/nodemcu/blink-esp8266.lua', '--board', 'espruino-pico');
  assert.equal(other.status, 2);
  assert.equal(other.err, 'flagpoll: test/fixtures/nodemcu/blink-esp8266.lua: built Lua firmware runs on NodeMCU boards; espruino-pico is a espruino board (`flagpoll boards` lists them)\n');
  const missing = flagpoll('emulate', 'nowhere/init.lua', '--board', 'nodemcu-esp8266');
  assert.equal(missing.status, 2);
  assert.equal(missing.err, 'flagpoll: nowhere/init.lua: no such file\n');
});

test('a Lua child that dies is an error on the next read, not a hang', ESP8266, () => {
  const child = new LuaChild('5.1', 'test/fixtures/nodemcu/blink-esp8266.lua', 'init.lua', 5);
  try {
    process.kill(child.pid!, 'SIGKILL');
    assert.throws(() => child.readLine(), LuaChildError);
  } finally {
    child.close();
  }
});
