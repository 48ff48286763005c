// Classes with getters (and their subclasses) behave on Lua 5.1 and 5.3 as on
// the host, line for line (test/lua/programs/class-accessors.ts): the Lua
// build's faster accessor lookup (src/build/lua-descriptors.ts) changes no answer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS } from '../../src/build/lua.ts';
import { program, runOnHost, runOnLua, skipWithoutLua } from './helpers.ts';

const file = program('class-accessors.ts');
const host = runOnHost(file);

test('the host run prints every accessor check', () => {
  assert.match(host, /^subsub: subsub 40 n=2 slot=7$/m);
  assert.match(host, /^setter value=6 sets=2$/m);
});

for (const version of LUA_VERSIONS) {
  test(`classes with getters on Lua ${version} answer as on the host`, { skip: skipWithoutLua(version) }, () => {
    assert.deepEqual(runOnLua(file, version).split('\n'), host.split('\n'));
  });
}
