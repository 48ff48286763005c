// `if (c) continue;` at the top of a loop body: on Lua the loops answer as on
// the host, and the build emits an `if` around the rest of the body instead of
// TSTL's flag-and-repeat (5.1) or goto (5.3) (src/build/lua-continue.ts); a
// continue nested deeper keeps TSTL's form.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS } from '../../src/build/lua.ts';
import { luaOf, program, runOnHost, runOnLua, skipWithoutLua } from './helpers.ts';

const file = program('continue-guards.ts');
const host = runOnHost(file);

test('the host run prints every loop', () => {
  assert.match(host, /^two guards and a break: 1,25,49$/m);
  assert.match(host, /^nested continue: 0,1,3,5$/m);
});

for (const version of LUA_VERSIONS) {
  test(`loops with continue guards on Lua ${version} answer as on the host`, { skip: skipWithoutLua(version) }, () => {
    assert.deepEqual(runOnLua(file, version).split('\n'), host.split('\n'));
  });
}

test("on Lua 5.1 only the loop whose continue is nested keeps TSTL's continue flag", () => {
  const lua = luaOf(file, '5.1');
  const flags = new Set(lua.match(/__continue\d+/g));
  assert.equal(flags.size, 1, `continue flags: ${[...flags].join(', ')}`);
  assert.match(lua, /if not \(i % 2 == 0\) then/);
});
