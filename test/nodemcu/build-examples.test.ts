// Every example builds for both NodeMCU boards into one init.lua that the
// board's Lua reads, with its first line naming the build and the board.
// Each within its board's Lua heap (the build refuses one that is not).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadBoard } from '../../src/boards/load.ts';
import { skipWithoutLua } from '../lua/helpers.ts';
import { EXAMPLES, NODEMCU_BOARDS, buildExample, luacParse } from './build-helpers.ts';

for (const boardId of NODEMCU_BOARDS) {
  const lua = loadBoard(boardId).lua!;
  for (const name of EXAMPLES) {
    test(`${name} builds for ${boardId} into an init.lua that luac${lua} parses`, { skip: skipWithoutLua(lua) }, async () => {
      const b = await buildExample(name, boardId);
      const file = b.written[0]!;
      assert.match(file, /init\.lua$/);
      const text = readFileSync(file, 'utf8');
      assert.equal(text.split('\n')[0], `-- flagpoll build ${b.buildId} for ${boardId}`);
      assert.match(b.buildId, /^[0-9a-f]{8}$/);
      assert.ok(text.includes(`"${b.buildId}"`), 'the build id is in the code, for FLAGPOLL_BUILD');
      assert.equal(luacParse(file, lua), '');
      assert.equal(b.report.bytes, Buffer.byteLength(text));
      assert.ok(b.report.bytecode_bytes! > 0 && b.report.runtime_bytecode_bytes! < b.report.bytecode_bytes!);
    });
  }
}

test('the Lua 5.1 build does bit operations with NodeMCU\'s bit module (luac5.1 -p above refuses 5.3 operators and goto)', async () => {
  const text = (await buildExample('multitask', 'nodemcu-esp8266')).code;
  assert.match(text, /bit\.band\(/);
});

test('the build keeps only the modules the firmware reaches: no board catalog, no index of re-exports', async () => {
  const text = (await buildExample('blink', 'nodemcu-esp32')).code;
  assert.doesNotMatch(text, /espruino-pico|src\.index|src\.boards/);
  assert.doesNotMatch(text, /^\s/m, 'no indentation left');
});
