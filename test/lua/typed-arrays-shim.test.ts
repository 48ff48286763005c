// The typed-array shim cut to what a program names (src/build/lua-typed-arrays.ts):
// a constructor the program uses still works, the others are not defined,
// and a program naming none carries no shim at all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LUA_VERSIONS, runLua } from '../../src/build/lua.ts';
import { dropUnusedTypedArrays } from '../../src/build/lua-typed-arrays.ts';
import { skipWithoutLua } from './helpers.ts';

const SHIM = readFileSync(new URL('../../src/targets/lua/typed-arrays.lua', import.meta.url), 'utf8');
const USES_ONE = `${SHIM}
local a = setmetatable({}, Uint8Array.prototype)
a:____constructor(3)
a:fill(7)
print(a.length, a[0], a[2], rawget(_G, "Uint" .. "16Array") == nil, rawget(_G, "Int" .. "32Array") == nil)
`;

for (const v of LUA_VERSIONS) {
  test(`a typed array the program names still works, and one it does not name is not defined, on Lua ${v}`, { skip: skipWithoutLua(v) }, () => {
    const out = dropUnusedTypedArrays(USES_ONE);
    assert.match(out, /^Uint8Array = typedArray\(\)$/m);
    assert.doesNotMatch(out, /^(Uint16Array|Uint32Array|Int32Array) = /m);
    assert.equal(runLua(out, v), '3\t7\t7\ttrue\ttrue\n');
    assert.equal(runLua(USES_ONE, v), '3\t7\t7\tfalse\tfalse\n');
  });
}

test('a program naming no typed array carries no shim', { skip: skipWithoutLua('5.1') }, () => {
  const out = dropUnusedTypedArrays(`${SHIM}\nprint(1)\n`);
  assert.doesNotMatch(out.replace(/^\s*--.*$/gm, ''), /typedArray|Array|proto/);
  assert.equal(runLua(out, '5.1'), '1\n');
});
