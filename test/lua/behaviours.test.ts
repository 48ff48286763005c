// The behaviour tests of the core, sync, time and reactor layers run on Lua
// 5.1 and 5.3 as they do on the host: the same test text (each file written
// with test/portable/behaviour.ts), collected by test/lua/programs/behaviours.ts,
// compiled, run, one result line per case; the lines must be the host's.
//
// Left out, and why (each stays a host test):
// - test/core/allocation.test.ts, test/reactor/allocation.test.ts,
//   test/reactor/storm-flood.test.ts: the allocation audit instruments the
//   emitted JavaScript; on Lua, test/lua/allocation.test.ts counts with
//   collectgarbage instead.
// - test/reactor/properties.test.ts: fast-check, a Node library.
// - test/reactor/device-errors.test.ts, pin-source-board.test.ts,
//   uart-port-board.test.ts: they need the simulated board and board files,
//   which are read with node:fs and checked with regular expressions.
// - test/reactor/irq-bench.test.ts: a host benchmark.
//
// The same run once more through the passes `flagpoll build` ships for NodeMCU
// (nodemcu.ts shrinkLua): the shake, enums as numbers and short names must
// leave every case answering as on the host.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS, runLua } from '../../src/build/lua.ts';
import { luaKeptNames } from '../../src/build/lua-mangle.ts';
import { shrinkLua } from '../../src/build/nodemcu.ts';
import { compiledLua, program, runOnHost, runOnLua, skipWithoutLua } from './helpers.ts';

const entry = program('behaviours.ts');
const host = runOnHost(entry).trimEnd().split('\n');
const TEST_DIR = path.resolve(path.dirname(entry), '../..');

test('every test file written as portable behaviours is in the Lua run', () => {
  const listed = readFileSync(entry, 'utf8');
  for (const dir of readdirSync(TEST_DIR)) {
    if (!/^[a-z]+$/.test(dir)) continue;
    for (const f of readdirSync(path.join(TEST_DIR, dir)).filter((n) => n.endsWith('.test.ts'))) {
      const text = readFileSync(path.join(TEST_DIR, dir, f), 'utf8');
      if (/^import \{ behaviour \} from '\.\.\/portable\/behaviour\.ts';$/m.test(text)) assert.ok(listed.includes(`import '../../${dir}/${f}';`), `${dir}/${f} is not imported by ${entry}`);
    }
  }
});

test('on the host every portable behaviour passes, one line each', () => {
  const cases = host.slice(0, -1);
  assert.ok(cases.length >= 50, `${cases.length} cases`);
  assert.equal(host.at(-1), `cases ${cases.length}`);
  assert.deepEqual(cases.filter((l) => !l.startsWith('ok ')), []);
});

for (const version of LUA_VERSIONS) {
  test(`the portable behaviours pass on Lua ${version}, the same cases as on the host`, { skip: skipWithoutLua(version) }, () => {
    const lua = runOnLua(entry, version).trimEnd().split('\n');
    assert.deepEqual(lua.filter((l) => !l.startsWith('ok ')), [host.at(-1)], 'every case passes');
    assert.deepEqual(lua, host);
  });
}

for (const version of LUA_VERSIONS) {
  test(`the portable behaviours pass on Lua ${version} through the build's shrink passes (shake, enums as numbers, short names)`, { skip: skipWithoutLua(version) }, () => {
    const lua = runLua(shrinkLua(compiledLua(entry, version), luaKeptNames(entry, [])), version).trimEnd().split('\n');
    assert.deepEqual(lua, host);
  });
}
