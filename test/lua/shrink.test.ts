// The NodeMCU build's size passes on the Lua text, each checked by running
// what it leaves: the tree shake (src/build/lua-shake.ts) drops exactly the
// functions no code names, enums read member by member become numbers
// (src/build/lua-enums.ts), lualib's helpers get short names at every use
// (src/build/lua-mangle.ts; its field renaming is mangle-fields.test.ts's),
// and the lean Error (src/build/lua-errors.ts) answers
// what firmware can observe as on the host.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS, runLua } from '../../src/build/lua.ts';
import { inlineEnums } from '../../src/build/lua-enums.ts';
import { mangleLualib } from '../../src/build/lua-mangle.ts';
import { shakeLua } from '../../src/build/lua-shake.ts';
import { program, runOnHost, runOnLua, skipWithoutLua } from './helpers.ts';

/** A class as TSTL writes one: one method called, one reached only through a string, one unreached calling another. */
const CLASS = `local Box = {prototype = {}}
Box.prototype.__index = Box.prototype
function Box.prototype.____constructor(self)
    self.count = 1
end
function Box.prototype.used(self)
    return self.count
end
function Box.prototype.byName(self)
    return 2
end
function Box.prototype.unused(self)
    return self:helper()
end
function Box.prototype.helper(self)
    return 3
end
local b = setmetatable({}, Box.prototype)
b:____constructor()
print(b:used(), b["byName"](b), Box.prototype.unused, Box.prototype.helper)
`;

test('the shake drops a method nothing names, and what only that method called, and keeps one named only as a string', { skip: skipWithoutLua('5.1') }, () => {
  const code = CLASS.replace(/print\(.*\n$/, 'print(b:used(), b["byName"](b))\n');
  const shaken = shakeLua(code);
  assert.doesNotMatch(shaken, /unused|helper/);
  assert.match(shaken, /prototype\.byName\(/);
  assert.equal(runLua(shaken, '5.1'), '1\t2\n');
});

test('an import nothing reads is dropped, one read is kept', () => {
  const code = 'local ____m = require("7")\nlocal A = ____m.A\nlocal B = ____m.B\nprint(B)\n';
  assert.equal(shakeLua(code), 'local ____m = require("7")\nlocal B = ____m.B\nprint(B)\n');
  assert.equal(shakeLua('local ____m = require("7")\nlocal A = ____m.A\nprint(1)\n'), 'print(1)\n');
});

test('a lualib helper defined inside its `local A` + `do` block is dropped when nothing else names it, kept when something does', { skip: skipWithoutLua('5.1') }, () => {
  const lib = (use: string) => [
    'local ____lualib = (function()',
    'local __TS__Set',
    'do',
    '    local function inner(t)',
    '        return t',
    '    end',
    '    function __TS__Set(t)',
    '        return inner(t)',
    '    end',
    'end',
    'return {',
    '  __TS__Set = __TS__Set,',
    '}',
    'end)()',
    use,
    '',
  ].join('\n');
  const unused = shakeLua(lib('print(1)'));
  assert.doesNotMatch(unused, /__TS__Set|inner/);
  assert.equal(runLua(unused, '5.1'), '1\n');
  const used = shakeLua(lib('local __TS__Set = ____lualib.__TS__Set\nprint(__TS__Set(2))'));
  assert.match(used, /function __TS__Set\(/);
  assert.equal(runLua(used, '5.1'), '2\n');
});

test('a lualib block setting two names keeps the function the other one uses inside the block (Symbol and __TS__Symbol)', { skip: skipWithoutLua('5.1') }, () => {
  const code = [
    'local ____lualib = (function()',
    'local __TS__Symbol, Symbol',
    'do',
    '    function __TS__Symbol(d)',
    '        return {description = d}',
    '    end',
    '    Symbol = {iterator = __TS__Symbol("Symbol.iterator")}',
    'end',
    'return {',
    '  Symbol = Symbol,',
    '}',
    'end)()',
    'local Symbol = ____lualib.Symbol',
    'print(Symbol.iterator.description)',
    '',
  ].join('\n');
  const shaken = shakeLua(code);
  assert.match(shaken, /function __TS__Symbol\(/);
  assert.equal(runLua(shaken, '5.1'), 'Symbol.iterator\n');
});

test('lualib helpers and the constructor get short names at every use and the program answers the same; one also in a string stays', { skip: skipWithoutLua('5.1') }, () => {
  const code = [
    'local ____lualib = (function()',
    'local function __TS__New(target, ...)',
    '    local instance = setmetatable({}, target.prototype)',
    '    instance:____constructor(...)',
    '    return instance',
    'end',
    'return {',
    '  __TS__New = __TS__New,',
    '}',
    'end)()',
    'local __TS__New = ____lualib.__TS__New',
    CLASS.replace(/local b = .*\nb:____constructor\(\)\n/, 'local b = __TS__New(Box)\n').replace(/print\(.*\n$/, 'print(b:used(), "__TS__Keep")\n'),
  ].join('\n');
  const mangled = mangleLualib(code);
  assert.doesNotMatch(mangled, /__TS__New|____constructor/);
  assert.match(mangled, /"__TS__Keep"/);
  assert.equal(runLua(mangled, '5.1'), runLua(code, '5.1'));
  assert.equal(runLua(mangled, '5.1'), '1\t__TS__Keep\n');
  const named = code.replace('"__TS__Keep"', '"__TS__New"');
  assert.equal(mangleLualib(named).match(/__TS__New/g)?.length, named.match(/__TS__New/g)!.length);
});

/** An enum as TSTL writes one, and a module reading it through its import and directly. */
const ENUM = `local ____exports = {}
____exports.Code = ____exports.Code or ({})
____exports.Code.Busy = 1
____exports.Code[____exports.Code.Busy] = "Busy"
____exports.Code.Late = 2
____exports.Code[____exports.Code.Late] = "Late"
local Code = ____exports.Code
print(Code.Busy + Code.Late, ____exports.Code.Late)
`;

test('an enum read only member by member becomes its numbers, and the program answers the same', { skip: skipWithoutLua('5.1') }, () => {
  const inlined = inlineEnums(ENUM);
  assert.doesNotMatch(inlined, /Busy|Late/);
  assert.equal(runLua(inlined, '5.1'), runLua(ENUM, '5.1'));
  assert.equal(runLua(inlined, '5.1'), '3\t2\n');
});

test('an enum indexed by value or used as a table stays as TSTL wrote it', () => {
  const byValue = ENUM.replace(/print\(.*\n$/, 'print(Code[1])\n');
  assert.equal(inlineEnums(byValue), byValue);
  const asTable = ENUM.replace(/print\(.*\n$/, 'print(Code.Busy, Code)\n');
  assert.equal(inlineEnums(asTable), asTable);
});

const errors = program('errors.ts');
const host = runOnHost(errors);

test('the host run prints every Error check', () => {
  assert.match(host, /^caught: true code=7 name=AppError text=AppError: failed with 7$/m);
});

for (const version of LUA_VERSIONS) {
  test(`Error's name, message, text and instanceof on Lua ${version} answer as on the host`, { skip: skipWithoutLua(version) }, () => {
    assert.deepEqual(runOnLua(errors, version).split('\n'), host.split('\n'));
  });
}

test('a getter made a method (`____get_n`) that nothing reads is dropped, with what only it called; one read is kept', { skip: skipWithoutLua('5.1') }, () => {
  const code = CLASS.replace('function Box.prototype.unused(self)', 'function Box.prototype.____get_unused(self)')
    .replace('function Box.prototype.byName(self)', 'function Box.prototype.____get_size(self)')
    .replace(/print\(.*\n$/, 'print(b:used(), b:____get_size())\n');
  const shaken = shakeLua(code);
  assert.doesNotMatch(shaken, /unused|helper/);
  assert.match(shaken, /prototype\.____get_size\(/);
  assert.equal(runLua(shaken, '5.1'), '1\t2\n');
});
