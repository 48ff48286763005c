// lualib as the Lua build keeps it (src/build/lua-errors.ts): only the Error
// classes the program names, and instanceof without Symbol.hasInstance unless
// the program names Symbol; what a program observes is the same as on the host.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS } from '../../src/build/lua.ts';
import { shakeLua } from '../../src/build/lua-shake.ts';
import { luaOf, program, runOnHost, runOnLua, skipWithoutLua } from './helpers.ts';

test('a program using instanceof but not Symbol has no hasInstance check, and after the shake no Symbol table', () => {
  const code = luaOf(program('errors.ts'), '5.1');
  assert.match(code, /local function __TS__InstanceOf\(obj, classTbl\)\n(?:(?!\nend\n)[^])*luaClass = luaClass\.____super/);
  assert.doesNotMatch(code, /classTbl\[Symbol\.hasInstance\]/);
  const shaken = shakeLua(code);
  assert.match(shaken, /__TS__InstanceOf/);
  assert.doesNotMatch(shaken, /hasInstance|\bSymbol\b/);
});

test('only the Error classes a program names are made: errors.ts names RangeError, not URIError', () => {
  const code = luaOf(program('errors.ts'), '5.1');
  assert.match(code, /RangeError = errorClass\("RangeError", Error\)/);
  assert.doesNotMatch(code, /errorClass\("(?:URIError|SyntaxError|ReferenceError|TypeError)"/);
  assert.doesNotMatch(shakeLua(code), /URIError|SyntaxError|ReferenceError|TypeError/);
});

const hasInstance = program('has-instance.ts');
const host = runOnHost(hasInstance);

test('the host run answers instanceof through Symbol.hasInstance', () => {
  assert.equal(host, 'four=true three=false ordinary=true\n');
});

for (const version of LUA_VERSIONS) {
  test(`a class's own Symbol.hasInstance still answers instanceof on Lua ${version}`, { skip: skipWithoutLua(version) }, () => {
    assert.equal(runOnLua(hasInstance, version), host);
  });
}
