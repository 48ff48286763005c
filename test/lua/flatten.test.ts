// The flatten (src/build/lua-flatten.ts): TSTL's module bundle as one scope.
// Each case is a small bundle in TSTL's shape, flattened and then run on
// lua5.1 and lua5.3 next to the bundle as it was: the output must be the same,
// and no require shim, `____modules` or `____exports` may be left. Shapes the
// flatten cannot order or rewrite safely are refused with the module's name.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS, runLua } from '../../src/build/lua.ts';
import { trimBundle } from '../../src/build/lua-bundle.ts';
import { flattenBundle } from '../../src/build/lua-flatten.ts';
import { analyse } from '../../src/build/lua-scope.ts';
import { compiledLua, program, skipWithoutLua } from './helpers.ts';

const SHIM = `local ____modules = {}
local ____moduleCache = {}
local ____originalRequire = require
local function require(file, ...)
    if ____moduleCache[file] then
        return ____moduleCache[file].value
    end
    if ____modules[file] then
        local module = ____modules[file]
        local value = nil
        if (select("#", ...) > 0) then value = module(...) else value = module(file) end
        ____moduleCache[file] = { value = value }
        return value
    else
        if ____originalRequire then
            return ____originalRequire(file)
        else
            error("module '" .. file .. "' not found")
        end
    end
end
`;

/** A bundle as TSTL writes one: each module a body ending `return ____exports`; the last one is the entry. */
function bundle(modules: Record<string, string>): string {
  const names = Object.keys(modules);
  const body = names.map((n) => `["${n}"] = function(...) \nlocal ____exports = {}\n${modules[n]}return ____exports\n end,\n`).join('');
  return `${SHIM}____modules = {\n${body}}\nlocal ____entry = require("${names[names.length - 1]}", ...)\nreturn ____entry\n`;
}

/** Runs both on every Lua and checks they print the same; answers the flattened code. */
function sameOnLua(code: string, flat: string): void {
  assert.doesNotMatch(flat, /\brequire\b|\b____modules\b|\b____exports\b/);
  for (const v of LUA_VERSIONS) assert.equal(runLua(flat, v), runLua(code, v), `Lua ${v}`);
}

/** Names declared in the main chunk, outside any block. */
function chunkLocals(code: string): string[] {
  const a = analyse(code);
  return [...a.decls.values()].filter((d) => a.scopeAt[d.token]!.parent === null).map((d) => d.name);
}

const skip = skipWithoutLua('5.1') ?? skipWithoutLua('5.3');

test("a module's export read by two modules is one local of the chunk, and the modules run in the shim's order", { skip }, () => {
  const code = bundle({
    a: 'print("a runs")\n____exports.X = 41\nfunction ____exports.bump(self)\n    ____exports.X = ____exports.X + 1\nend\n',
    b: 'local ____a = require("a")\nlocal X = ____a.X\nprint("b reads", X)\n',
    c: 'local ____a = require("a")\nlocal bump = ____a.bump\nbump(nil)\nprint("c reads", ____a.X)\n',
    main: 'require("b")\nlocal ____c = require("c")\nprint("main")\n',
  });
  const flat = flattenBundle(code);
  sameOnLua(code, flat);
  assert.equal(runLua(flat, '5.1'), 'a runs\nb reads\t41\nc reads\t42\nmain\n');
  assert.deepEqual(chunkLocals(flat).filter((n) => n === 'X' || n === 'bump'), ['X', 'bump']);
});

test("a module's private local stays in its block, and so does an export only it reads", { skip }, () => {
  const code = bundle({
    a: 'local secret = 7\n____exports.own = 1\n____exports.shown = secret + ____exports.own\n',
    main: 'local ____a = require("a")\nprint(____a.shown, secret)\n',
  });
  const flat = flattenBundle(code);
  sameOnLua(code, flat);
  assert.deepEqual(chunkLocals(flat), ['shown']);
});

test('an import whose local name differs from the export keeps a local of that name', { skip }, () => {
  const code = bundle({
    a: '____exports.Thing = "thing"\n',
    main: 'local ____a = require("a")\nlocal Other = ____a.Thing\nprint(Other)\n',
  });
  sameOnLua(code, flattenBundle(code));
});

test('an export named like a global a later module calls gets a fresh name, so the global still answers', { skip }, () => {
  const code = bundle({
    a: 'function ____exports.tostring(self, x)\n    return "mine " .. x\nend\n',
    b: 'print(tostring(5))\n',
    main: 'local ____a = require("a")\nrequire("b")\nprint(____a.tostring(nil, 1))\n',
  });
  const flat = flattenBundle(code);
  sameOnLua(code, flat);
  assert.ok(!chunkLocals(flat).includes('tostring'));
});

test('an export named like a local where it is read gets a fresh name', { skip }, () => {
  const code = bundle({
    a: '____exports.n = 1\n',
    main: 'local ____a = require("a")\nlocal function f(n)\n    return n + ____a.n\nend\nprint(f(10))\n',
  });
  sameOnLua(code, flattenBundle(code));
});

test('an export that re-exports an import is that import, not a copy', { skip }, () => {
  const code = bundle({
    a: '____exports.Thing = {}\n',
    b: 'local ____a = require("a")\nlocal Thing = ____a.Thing\n____exports.Thing = Thing\n',
    main: 'local ____a = require("a")\nlocal ____b = require("b")\nprint(____a.Thing == ____b.Thing)\n',
  });
  const flat = flattenBundle(code);
  sameOnLua(code, flat);
  assert.deepEqual(chunkLocals(flat), ['Thing']);
});

test('an import cycle is refused with the module names', () => {
  const code = bundle({
    a: 'local ____b = require("b")\n',
    b: 'local ____a = require("a")\n',
    main: 'require("a")\n',
  });
  assert.throws(() => flattenBundle(code), /cycle \(a -> b -> a\)/);
});

test("a module's table used as a value is refused with the module names", () => {
  const code = bundle({ a: '____exports.X = 1\n', main: 'local ____a = require("a")\nprint(____a)\n' });
  assert.throws(() => flattenBundle(code), /module "main" uses module "a" as a value/);
});

test('a module handing out its own export table is refused', () => {
  const code = bundle({ a: 'function ____exports.all(self)\n    return ____exports\nend\n', main: 'local ____a = require("a")\nprint(____a.all(nil))\n' });
  assert.throws(() => flattenBundle(code), /module "a" uses its `____exports` as a value/);
});

test('a require elsewhere than an import line is refused', () => {
  const code = bundle({ a: '____exports.X = 1\n', main: 'local function later()\n    return require("a")\nend\n' });
  assert.throws(() => flattenBundle(code), /module "main" calls require outside an import line/);
});

test('more exports than the locals limit move into one table, the program answers the same', { skip }, () => {
  const names = Array.from({ length: 30 }, (_, i) => `v${i}`);
  const code = bundle({
    a: names.map((n, i) => `____exports.${n} = ${i}\n`).join(''),
    main: `local ____a = require("a")\nprint(${names.map((n) => `____a.${n}`).join(' + ')})\n`,
  });
  const flat = flattenBundle(code, 20);
  sameOnLua(code, flat);
  assert.match(flat, /^local ____x = \{\}$/m);
  assert.ok(analyse(flat).main.maxLocals <= 20, `main chunk has ${analyse(flat).main.maxLocals} locals`);
  assert.doesNotMatch(flattenBundle(code), /____x/);
});

test('a compiled program (the behaviour tests) flattened answers the same on both Luas', { skip }, () => {
  for (const v of LUA_VERSIONS) {
    const code = compiledLua(program('behaviours.ts'), v);
    const flat = flattenBundle(trimBundle(code));
    assert.doesNotMatch(flat, /\brequire\b|\b____modules\b|\b____exports\b/);
    assert.equal(runLua(flat, v), runLua(code, v), `Lua ${v}`);
  }
});
