// Increments and `+=` / `-=` on a property whose value is used: on Lua they
// answer as on the host, and the build reads and writes `this.x` / `o.x`
// directly instead of caching the object and the key
// (src/build/lua-compound.ts); the executor's hot path is among them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS } from '../../src/build/lua.ts';
import { flagpollPingPong } from '../../src/bench/lua.ts';
import { luaOf, program, runOnHost, runOnLua, skipWithoutLua } from './helpers.ts';

const file = program('compound-values.ts');
const host = runOnHost(file);

test('the host run prints every compound value', () => {
  assert.match(host, /^postfix then prefix: 10 12 12 10 n=10$/m);
  assert.match(host, /^key before value: items=5,2 len=2$/m);
});

for (const version of LUA_VERSIONS) {
  test(`increments and op= on properties answer on Lua ${version} as on the host`, { skip: skipWithoutLua(version) }, () => {
    assert.deepEqual(runOnLua(file, version).split('\n'), host.split('\n'));
  });
}

test('an increment on this or a local reads and writes the property itself, without a cached object and key', () => {
  const lua = luaOf(file, '5.3');
  assert.match(lua, /local (____self_len_\d+) = self\.len\n\s*self\.len = \1 \+ 1\n/);
  assert.match(lua, /local (____self_len_\d+) = self\.len - 1\n\s*self\.len = \1\n/);
  assert.match(lua, /local (____o_st_\d+) = o\.st - 2\n\s*o\.st = \1\n/);
  // An object expression with side effects is still evaluated once, by TSTL.
  assert.match(lua, /local (____\w+), (____\w+) = next\(nil\), "n"/);
});

test('the executor counts a task state down without caching the task and "st"', () => {
  const lua = flagpollPingPong('5.1');
  assert.match(lua, /local (____t_st_\d+) = t\.st - 2\n\s*t\.st = \1\n/);
  assert.doesNotMatch(lua, /local ____\w+, ____\w+ = \w+, "\w+"\n/);
});
