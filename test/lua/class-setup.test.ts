// A class's name and its fields initialised to undefined: on Lua they answer
// as on the host, and the build writes neither where nothing can tell
// (src/build/lua-unnamed-classes.ts, src/build/lua-field-nils.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS } from '../../src/build/lua.ts';
import { luaOf, program, runOnHost, runOnLua, skipWithoutLua } from './helpers.ts';

const file = program('class-setup.ts');
const host = runOnHost(file);

test('the host run prints every class name and field read', () => {
  assert.match(host, /^through Function: Through$/m);
  assert.match(host, /^set by an earlier initialiser: unset$/m);
});

for (const version of LUA_VERSIONS) {
  test(`class names and undefined fields read on Lua ${version} answer as on the host`, { skip: skipWithoutLua(version) }, () => {
    assert.deepEqual(runOnLua(file, version).split('\n'), host.split('\n'));
  });
}

/** The classes whose `C.name = "C"` the Lua keeps. */
function named(lua: string): string[] {
  return [...lua.matchAll(/^\s*(\w+)\.name = "\1"$/gm)].map((m) => m[1]!).sort();
}

/** The fields `C`'s constructor stores nil into. */
function nilStores(lua: string, c: string): string[] {
  const body = lua.match(new RegExp(`function ${c}\\.prototype\\.____constructor\\(self[^)]*\\)\\n([\\s\\S]*?)\\nend`))?.[1];
  assert.ok(body !== undefined, `no constructor for ${c}`);
  return [...body.matchAll(/^\s*self\.(\w+) = nil$/gm)].map((m) => m[1]!);
}

test('a class keeps its name exactly when a read may reach it: directly, through a constructor type, through a subclass, by a dynamic key or by a decorator', () => {
  assert.deepEqual(named(luaOf(file, '5.3')), ['Base', 'Decorated', 'Derived', 'Keyed', 'Named', 'Through']);
});

test('a field initialised to undefined is stored only when the instance may already hold it', () => {
  const lua = luaOf(file, '5.3');
  assert.deepEqual(nilStores(lua, 'Quiet'), []);
  assert.deepEqual(nilStores(lua, 'WithParams'), []);
  assert.deepEqual(nilStores(lua, 'Early'), ['x']);
  assert.deepEqual(nilStores(lua, 'Clearer'), ['x']);
});
