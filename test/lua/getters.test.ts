// Class getters on Lua: read every way TypeScript allows, they answer as on
// the host (test/lua/programs/getter-reads.ts), and the build turns a class's
// getters into plain methods exactly when it sees every read of them
// (src/build/lua-getters.ts). The runtime's hot classes are among those.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS } from '../../src/build/lua.ts';
import { flagpollPingPong } from '../../src/bench/lua.ts';
import { luaOf, program, runOnHost, runOnLua, skipWithoutLua } from './helpers.ts';

const file = program('getter-reads.ts');
const host = runOnHost(file);

test('the host run prints every getter read', () => {
  assert.match(host, /^counter after: count=2 twice=4 last=2$/m);
  assert.match(host, /^probe: found in=true$/m);
});

for (const version of LUA_VERSIONS) {
  test(`getters read every way on Lua ${version} answer as on the host`, { skip: skipWithoutLua(version) }, () => {
    assert.deepEqual(runOnLua(file, version).split('\n'), host.split('\n'));
  });
}

/** The classes whose getters the Lua build kept as descriptors. */
function described(lua: string): string[] {
  return [...lua.matchAll(/__TS__SetDescriptor\(\s*(\w+)\.prototype,/g)].map((m) => m[1]!).sort();
}

test('a class keeps its getter descriptors when some read may not go through its own type, and only then', () => {
  const lua = luaOf(file, '5.3');
  assert.deepEqual(described(lua), ['Bag', 'Box', 'Gauge', 'Keyed', 'Loose', 'Pair', 'Probe']);
  assert.match(lua, /function Counter\.prototype\.____get_count\(self\)/);
  assert.match(lua, /return self:____get_count\(\) \* 2/);
});

test('Executor, Signal and WaitQueue have no getter descriptors in the Lua build: their instances index a plain table', () => {
  const lua = flagpollPingPong('5.1');
  assert.deepEqual(described(lua), []);
  for (const c of ['Executor', 'Signal']) assert.match(lua, new RegExp(`function ${c}\\.prototype\\.____get_\\w+\\(self\\)`));
  // WaitQueue's length is a field: it has no getter at all.
  assert.doesNotMatch(lua, /function WaitQueue\.prototype\.____get_/);
});
