// checkDialect on any JavaScript: each construct Espruino refuses is found,
// named and placed; what Espruino runs passes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDialect } from '../../src/build/dialect.ts';

/** [code, construct, what] for one line of JavaScript each (line n of the program is entry n). */
const REFUSED: [string, string, string][] = [
  ['var { a, b } = o;', 'objectDestructuring', 'object destructuring ({ a, b })'],
  ['var [x, y] = xs;', 'arrayDestructuring', 'array destructuring ([x, y])'],
  ['f(...xs);', 'spread', 'spread (...xs)'],
  ['var o2 = { ...o };', 'spread', 'spread (...o)'],
  ['var r = function (a, ...rest) {};', 'restParameter', 'a rest parameter (...rest)'],
  ['var d = function (a, b = 2) {};', 'defaultParameter', 'a default parameter (b = 2)'],
  ['var c = { [k]: 1 };', 'computedKey', 'a computed property name ([k])'],
  ['outer: for (;;) { for (;;) continue outer; }', 'label', 'a labelled statement (continue outer)'],
  ['var v = a?.b;', 'optionalChaining', 'optional chaining (a?.b)'],
  ['var p = x ** 2;', 'exponent', 'the ** operator (x ** 2); use Math.pow'],
  ['var g = function* gen() {};', 'generator', 'a generator function (function* gen)'],
  ['var h = async function hh() {};', 'async', 'an async function (async hh)'],
  ['var s = Symbol("s");', 'missingBuiltin', 'Symbol (Espruino has no Symbol)'],
  ['var m = new Map();', 'missingBuiltin', 'Map (Espruino has no Map)'],
  ['var t = new Set();', 'missingBuiltin', 'Set (Espruino has no Set)'],
  ['var arr = Array.from(xs);', 'missingBuiltin', 'Array.from (Espruino has no Array.from)'],
  ['var n = Number.isNaN(x);', 'missingBuiltin', 'Number.isNaN (Espruino has no Number.isNaN)'],
  ['var i = Math.imul(a, b);', 'missingBuiltin', 'Math.imul (Espruino has no Math.imul)'],
  ['Object.freeze(o);', 'missingBuiltin', 'Object.freeze (Espruino has no Object.freeze)'],
  ['var Bag = class extends Array {};', 'extendsBuiltin', 'a class extending the built-in Array (class extends Array): super() into a built-in is a SyntaxError there, and the build can give a function base only to Error, TypeError, SyntaxError, ReferenceError'],
  ['var Range = class R extends RangeError {};', 'extendsBuiltin', 'a class extending the built-in RangeError (class R extends RangeError): super() into a built-in is a SyntaxError there, and the build can give a function base only to Error, TypeError, SyntaxError, ReferenceError'],
  ['var Oops = class O extends Error {};', 'extendsError', 'a class extending the built-in Error (class O extends Error): super() into a built-in is a SyntaxError there; the build gives such a class a function base'],
  ['g(); function g() {}', 'hoisting', 'a function declared after other statements (function g): it does not hoist, it exists once its statement has run'],
];

test('each construct Espruino refuses is reported with its code, its text and its line', () => {
  const code = REFUSED.map(([line]) => line).join('\n');
  const findings = checkDialect(code);
  for (const [i, [, kind, what]] of REFUSED.entries()) {
    const at = findings.filter((f) => f.line === i + 1);
    assert.ok(at.some((f) => f.code === kind && f.what === what), `line ${i + 1}: expected ${kind} "${what}", got ${JSON.stringify(at.map((f) => [f.code, f.what]))}`);
  }
  assert.equal(findings.length, REFUSED.length, JSON.stringify(findings.map((f) => [f.line, f.what])));
});

test('a label is reported as written, with the break that uses it', () => {
  const [f] = checkDialect('scan: while (more()) {\n  if (done()) break scan;\n}');
  assert.equal(f?.what, 'a labelled statement (break scan)');
  assert.equal(f?.line, 1);
});

test('ES5 with classes, let/const, arrows, templates, for...of and ?? passes', () => {
  const code = [
    'function f(a, b) { return a + b; }',
    'var o = { a: 1, "b": 2, get c() { return 3; } }; o[k] = 4; o.Map = 5;',
    'class A extends B { constructor() { super(); } static s() {} get g() { return 1; } }',
    'let x = 1; const y = () => x ?? 2; var t = `v ${x}`;',
    'for (const e of [1, 2]) f(e, 1); for (var p in o) f(p, 0);',
    'switch (x) { case 1: break; default: }',
    'try { f(); } catch (e) { } finally { }',
    'var u = new Uint8Array(4).subarray(0, 2); Object.assign({}, o); Math.pow(2, 3); isNaN(x);',
  ].join('\n');
  assert.deepEqual(checkDialect(code), []);
});

test('a program that defines its own Map or Set is not using the built-in', () => {
  assert.deepEqual(checkDialect('function Map() {} var m = new Map(); var Set = 1; f(Set);'), []);
});

test('a property or key named like a missing built-in is not a use of it', () => {
  assert.deepEqual(checkDialect('var o = { Map: 1, Symbol: 2 }; o.Set = o.Map; x.Array.from(y);'), []);
});

test('a nested pattern counts once, at the outer destructuring', () => {
  const findings = checkDialect('var { a: [b, { c }] } = o;');
  assert.deepEqual(findings.map((f) => f.code), ['objectDestructuring']);
});

test('without a map a finding has no origin; JavaScript that does not parse throws', () => {
  assert.equal(checkDialect('x ** 2;')[0]?.origin, null);
  assert.throws(() => checkDialect('var = ;'), SyntaxError);
});

test('a class extending a class of the program, or a program\'s own Error, is not extending a built-in', () => {
  const findings = checkDialect('var Error = function () {};\nclass A extends Error {}\nclass B extends A {}');
  assert.deepEqual(findings, []);
});
