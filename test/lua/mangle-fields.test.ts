// The NodeMCU build's field renaming (src/build/lua-mangle.ts): every member
// name of the program gets a short name at every use, the same in a class, a
// table constructor and a call, except the names something outside the chunk
// reads or provides (Lua's library, NodeMCU's modules, lualib's and TSTL's
// names, strings, data the program lists). Each case runs what it leaves on
// real Lua and must print what the original printed.

import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS, runLua } from '../../src/build/lua.ts';
import { luaKeptNames, mangleLua, nodemcuNames } from '../../src/build/lua-mangle.ts';
import { skipWithoutLua } from './helpers.ts';

const fieldsOf = (code: string, name: string): number => code.match(new RegExp(`[.:]${name}\\b|[{,]\\s*${name} =`, 'g'))?.length ?? 0;

/** A class whose method is also a key of a vtable table, called through both. */
const VTABLE = `local Waker = {prototype = {}}
Waker.prototype.__index = Waker.prototype
function Waker.prototype.wakeByRef(self)
    return self.vtable:wakeByRef(self.capacity)
end
local function noop(self, n) return n + 1 end
local vtable = {wakeByRef = noop, drop = noop}
local w = setmetatable({vtable = vtable, capacity = 41}, Waker.prototype)
print(w:wakeByRef(), w.vtable.drop(nil, 1))
`;

for (const version of LUA_VERSIONS) {
  test(`a public method name shared by a class and a vtable table is renamed the same everywhere, and Lua ${version} prints the same`, { skip: skipWithoutLua(version) }, () => {
    const mangled = mangleLua(VTABLE);
    for (const n of ['wakeByRef', 'vtable', 'capacity', 'drop']) assert.equal(fieldsOf(mangled, n), 0, `${n} is renamed`);
    assert.equal(runLua(mangled, version), runLua(VTABLE, version));
    assert.equal(runLua(mangled, version), '42\t2\n');
  });
}

test("a name NodeMCU's modules provide (tmr.now) is never renamed, even where a class has a method of the same name", { skip: skipWithoutLua('5.1') }, () => {
  const code = `local tmr = {now = function() return 7 end}
local Clock = {}
Clock.__index = Clock
function Clock.now(self) return tmr.now() + self.base end
local c = setmetatable({base = 1}, Clock)
print(c:now())
`;
  const mangled = mangleLua(code);
  assert.equal(fieldsOf(mangled, 'now'), fieldsOf(code, 'now'));
  assert.equal(fieldsOf(mangled, 'base'), 0);
  assert.equal(runLua(mangled, '5.1'), '8\n');
});

test('the names NodeMCU provides are read from nodemcu.d.ts: module members, methods, constants and the keys of the tables its calls take', () => {
  const names = nodemcuNames();
  for (const n of ['gpio', 'trig', 'on', 'now', 'create', 'alarm', 'register', 'task', 'post', 'band', 'ALARM_SINGLE', 'config', 'dir', 'pull', 'tx', 'print']) {
    assert.ok(names.includes(n), n);
  }
});

test('a name used in a string, a name of Lua\'s library and a global read through _G stay; the rest is renamed', { skip: skipWithoutLua('5.3') }, () => {
  const code = `local t = {count = 2, total = 3, huge = 1}
t.sub = function(self) return self.total end
_G.shared = 5
print(t["count"], t:sub(), t.huge, math.huge > 0, ("abc"):sub(2), _G.shared, t.total)
`;
  const mangled = mangleLua(code);
  assert.equal(fieldsOf(mangled, 'count'), 1);
  for (const n of ['sub', 'huge', 'shared']) assert.equal(fieldsOf(mangled, n), fieldsOf(code, n), `${n} stays`);
  assert.equal(fieldsOf(mangled, 'total'), 0);
  assert.equal(runLua(mangled, '5.3'), runLua(code, '5.3'));
});

test('a class\'s name assigned to `.name` does not keep a field of the same spelling, and stays as it is printed', { skip: skipWithoutLua('5.1') }, () => {
  const code = `local exports = {}
exports.Ticker = {}
exports.Ticker.name = "Ticker"
print(exports.Ticker.name)
`;
  const mangled = mangleLua(code);
  assert.equal(fieldsOf(mangled, 'Ticker'), 0);
  assert.match(mangled, /"Ticker"/);
  assert.equal(runLua(mangled, '5.1'), 'Ticker\n');
});

test('the name used in the most functions gets the shortest replacement, never a name that stays, a word in a string, or a keyword', () => {
  const code = [
    'local t = {}',
    'local function f() t.rarely = 1 end',
    'local function g() t.often = 1; t.a = "b" end',
    'local function h() return t.often, t.a end',
    '',
  ].join('\n');
  assert.equal(mangleLua(code), code.replace(/often/g, 'c').replace(/rarely/g, 'd'));
});

test('letters of a field in a comment or a string are left alone, and locals in a function written inside a table are not taken for keys', { skip: skipWithoutLua('5.1') }, () => {
  const code = `local t = {first = 1, run = function()
    local first, second = 10, 20
    return first + second
end}
-- t.later is only a comment
print(t.first, t.run(), "t.later")
`;
  const mangled = mangleLua(code);
  assert.match(mangled, /local first, second = 10, 20\n {4}return first \+ second/);
  assert.match(mangled, /-- t\.later is only a comment/);
  assert.equal(fieldsOf(mangled, 'first'), 0);
  assert.equal(runLua(mangled, '5.1'), '1\t30\tt.later\n');
});

test('the properties of what the program lists (Object.keys, for ... in) or indexes with a computed key stay, with the data keys given', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flagpoll-kept-'));
  const entry = path.join(dir, 'entry.ts');
  writeFileSync(entry, [
    'interface Listed { alpha: number; beta: number }',
    'interface ByKey { gamma: number }',
    'interface Plain { delta: number }',
    'export function f(l: Listed, b: ByKey, p: Plain, k: keyof ByKey, i: number, xs: Plain[]): unknown {',
    '  for (const x in b) void x;',
    '  return [Object.keys(l), b[k], p.delta, xs[i]];',
    '}',
    '',
  ].join('\n'));
  const kept = luaKeptNames(entry, ['LED1']);
  for (const n of ['alpha', 'beta', 'gamma', 'LED1']) assert.ok(kept.includes(n), n);
  assert.ok(!kept.includes('delta'));
  assert.deepEqual(mangleLua('local t = {alpha = 1}\nprint(t.alpha)\n', kept), 'local t = {alpha = 1}\nprint(t.alpha)\n');
});
