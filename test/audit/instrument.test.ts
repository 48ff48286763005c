// What the audit counts: each test runs a snippet under the audit and checks
// the exact counts by kind, so a missed or an extra count fails it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instrumentAllocations } from '../../src/audit/instrument.ts';
import { measure } from './helpers.ts';

test('an object literal in a loop counts once per iteration', () => {
  const { byKind, result } = measure(
    'function run(n) { var last; for (var i = 0; i < n; i++) last = { i: i }; return last.i }\nvar __fpEntry = { run: run }',
    (e) => e.run(100),
  );
  assert.deepEqual(byKind, { object: 100 });
  assert.equal(result, 99);
});

test('array literals, new and regexp literals count once per execution', () => {
  const { byKind } = measure(
    'function run(n) { for (var i = 0; i < n; i++) { var a = [i]; var d = new Date(i); var r = /x/g } }\nvar __fpEntry = { run: run }',
    (e) => e.run(10),
  );
  assert.deepEqual(byKind, { array: 10, new: 10, regexp: 10 });
});

test('minified code keeps running: an allocation right after return, with no space, is counted', () => {
  const { byKind, result } = measure(
    'function mk(i){return{i:i}}function tag(i){return"#"+i}function run(n){var last;for(var i=0;i<n;i++)last=mk(i);return tag(last.i)}\nvar __fpEntry = { run: run }',
    (e) => e.run(3),
  );
  assert.deepEqual(byKind, { object: 3, string: 1 });
  assert.equal(result, '#2');
});

test('numeric addition counts nothing', () => {
  const { total, result } = measure(
    'function run(n) { var s = 0; for (var i = 0; i < n; i++) { s = s + i; s += 1 } return s }\nvar __fpEntry = { run: run }',
    (e) => e.run(1000),
  );
  assert.equal(total, 0);
  assert.equal(result, 1000 * 999 / 2 + 1000);
});

test('string concatenation counts once per execution', () => {
  const { byKind, result } = measure(
    'function run(n) { var s = ""; for (var i = 0; i < n; i++) { s = "k" + i } return s }\nvar __fpEntry = { run: run }',
    (e) => e.run(50),
  );
  assert.deepEqual(byKind, { string: 50 });
  assert.equal(result, 'k49');
});

test('+= on a string counts, on a number it counts nothing', () => {
  const { byKind, result } = measure(
    'function run(n) { var s = "", k = 0; for (var i = 0; i < n; i++) { s += "x"; k += 2 } return s.length + k }\nvar __fpEntry = { run: run }',
    (e) => e.run(7),
  );
  assert.deepEqual(byKind, { string: 7 });
  assert.equal(result, 21);
});

test('a template literal counts only when it has an expression', () => {
  const { byKind } = measure(
    'function run(n) { var a, b; for (var i = 0; i < n; i++) { a = `plain`; b = `v${i}` } return a + b }\nvar __fpEntry = { run: run }',
    (e) => e.run(5),
  );
  assert.deepEqual(byKind, { template: 5, string: 1 });
});

test('a tagged template counts once per call, not again for its template', () => {
  const { byKind, result } = measure(
    'function tag(s, v) { return v }\nfunction run(n) { var r = 0; for (var i = 0; i < n; i++) r += tag`a${i}b`; return r }\nvar __fpEntry = { run: run }',
    (e) => e.run(4),
  );
  assert.deepEqual(byKind, { 'tagged-template': 4 });
  assert.equal(result, 6);
});

test('a class counts each time its declaration or expression is evaluated', () => {
  const { byKind } = measure(
    'function make() { class A { static s = 1; m() {} } var B = class extends A {}; return new B() }\nfunction run(n) { for (var i = 0; i < n; i++) make() }\nvar __fpEntry = { run: run }',
    (e) => e.run(3),
  );
  assert.deepEqual(byKind, { class: 6, new: 3 });
});

test('an arrow returning an object literal counts the object on each call', () => {
  const { byKind, result } = measure(
    'var point = (x) => ({ x: x })\nfunction run(n) { var s = 0; for (var i = 0; i < n; i++) s += point(i).x; return s }\nvar __fpEntry = { run: run }',
    (e) => e.run(5),
  );
  assert.deepEqual(byKind, { object: 5 });
  assert.equal(result, 10);
});

test('a closure created in a loop counts per iteration', () => {
  const { byKind, result } = measure(
    'function run(n) { var fs = 0; for (var i = 0; i < n; i++) { var f = () => i; var g = function () { return i }; fs += f() + g() } return fs }\nvar __fpEntry = { run: run }',
    (e) => e.run(20),
  );
  assert.deepEqual(byKind, { arrow: 20, function: 20 });
  assert.equal(result, 2 * (19 * 20 / 2));
});

test('a nested function declaration counts each time its enclosing function runs', () => {
  const { byKind } = measure(
    'function outer() { function inner() { return 1 } return inner() }\nfunction run(n) { for (var i = 0; i < n; i++) outer() }\nvar __fpEntry = { run: run }',
    (e) => e.run(12),
  );
  assert.deepEqual(byKind, { closure: 12 });
});

test('calling a plain function counts nothing', () => {
  const { total } = measure(
    'var o = { v: 1, get(k) { return this.v + k } }\nfunction add(a, b) { return a + b }\nfunction run(n) { var s = 0; for (var i = 0; i < n; i++) s = add(s, o.get(i)); return s }\nvar __fpEntry = { run: run }',
    (e) => e.run(100),
  );
  assert.equal(total, 0);
});

test('typed array reads and writes count nothing', () => {
  const { total, result } = measure(
    'var buf = new Uint8Array(16), f = new Float64Array(4)\nfunction run(n) { for (var i = 0; i < n; i++) { buf[i & 15] = buf[(i + 1) & 15] + 1; f[i & 3] += 0.5 } return buf[0] + f[0] }\nvar __fpEntry = { run: run }',
    (e) => e.run(64),
  );
  assert.equal(total, 0);
  assert.equal(result, buf0After64() + 8);
});

function buf0After64(): number {
  const buf = new Uint8Array(16);
  for (let i = 0; i < 64; i++) buf[i & 15] = buf[(i + 1) & 15]! + 1;
  return buf[0]!;
}

test('property access, comparisons, typeof and string literals count nothing', () => {
  const { total } = measure(
    'var state = { flag: 0, name: "idle" }\nfunction run(n) { var hits = 0; for (var i = 0; i < n; i++) { state.flag = i % 2; if (state.flag === 1 && typeof state.name === "string" && state.name !== "busy") hits++; state.name = "idle" } return hits }\nvar __fpEntry = { run: run }',
    (e) => e.run(30),
  );
  assert.equal(total, 0);
});

test('allocating methods and builtins count per call', () => {
  const { byKind } = measure(
    'var xs = [1, 2, 3]\nfunction run() { xs.slice(1); xs.map(function (x) { return x }).join(","); (12.5).toFixed(1); String(5); Object.keys(xs); Array.prototype.slice.call(xs); xs.indexOf(2); xs.push(4); xs.pop() }\nvar __fpEntry = { run: run }',
    (e) => e.run(),
  );
  assert.deepEqual(byKind, { call: 7, function: 1 });
});

test('methods, getters and setters count with their object or class, not on their own', () => {
  const { byKind } = measure(
    'function run() { var o = { m() { return 1 }, get g() { return 2 }, set g(v) {} }; class C { m() {} get x() { return 1 } static s() {} } return o.m() + o.g }\nvar __fpEntry = { run: run }',
    (e) => e.run(),
  );
  assert.deepEqual(byKind, { object: 1, class: 1 });
});

test('rest parameters count at entry and arguments only when referenced', () => {
  const { byKind } = measure(
    'function rest(...xs) { return xs.length }\nfunction args() { return arguments.length }\nfunction none(a) { return a.arguments }\nfunction run() { rest(1, 2); rest(); args(1); none({}) }\nvar __fpEntry = { run: run }',
    (e) => e.run(),
  );
  assert.deepEqual(byKind, { rest: 2, arguments: 1, object: 1 });
});

test('spread counts per evaluation in calls, arrays and objects', () => {
  const { byKind } = measure(
    'function f() { return 0 }\nfunction run(xs, o) { f(...xs); var a = [...xs]; var b = { ...o }; return a.length + Object.getOwnPropertyNames(b).length }\nvar __fpEntry = { run: run }',
    (e) => e.run([1], {}),
  );
  assert.deepEqual(byKind, { spread: 3, array: 1, object: 1, call: 1 });
});

test('array destructuring counts, object destructuring without rest counts nothing', () => {
  const { byKind } = measure(
    'function run(pair, o) { var [a, b] = pair; var { x, y } = o; var { x: z, ...others } = o; return a + b + x + y + z }\nvar __fpEntry = { run: run }',
    (e) => e.run([1, 2], { x: 3, y: 4 }),
  );
  assert.deepEqual(byKind, { destructure: 1, rest: 1 });
});

test('an async call counts at entry and each await counts', async () => {
  const { program, byKind } = measure(
    'async function step(v) { var a = await v; var b = await a; return b }\nvar __fpEntry = { step: step }',
    (e) => e.step(1),
  );
  assert.deepEqual(byKind, { async: 1, await: 1 }, 'the call and the first await run synchronously');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(program.counts(), 3);
});

test('a generator counts on first resume and once per yield', () => {
  const { byKind, result } = measure(
    'function* gen(n) { for (var i = 0; i < n; i++) yield i }\nfunction run() { var it = gen(3), s = 0, r; while (!(r = it.next()).done) s += r.value; return s }\nvar __fpEntry = { run: run }',
    (e) => e.run(),
  );
  assert.deepEqual(byKind, { generator: 1, yield: 3 });
  assert.equal(result, 3);
});

test('for...of and for...in count once per loop start', () => {
  const { byKind } = measure(
    'function run(xs, o) { var n = 0; for (var x of xs) n += x; for (var k in o) n += o[k]; return n }\nvar __fpEntry = { run: run }',
    (e) => e.run([1, 2, 3], { a: 1, b: 2 }),
  );
  assert.deepEqual(byKind, { 'for-of': 1, 'for-in': 1 });
});

test('an optional call that short-circuits counts nothing', () => {
  const { byKind, result } = measure(
    'function run(a) { return a?.list.slice(1).length }\nvar __fpEntry = { run: run }',
    (e) => [e.run(null), e.run(undefined)],
  );
  assert.deepEqual(byKind, {});
  assert.deepEqual(result, [undefined, undefined]);
});

test('each site is reported once with its kind and position', () => {
  const { sites } = instrumentAllocations('var a = {};\nfunction f() {\n  return [a, "x" + a];\n}\n');
  assert.deepEqual(
    sites.map((s) => [s.kind, s.line, s.column, s.snippet]),
    [['object', 1, 9, '{}'], ['closure', 2, 1, 'function f() { return [a, "x" + a]; }'], ['array', 3, 10, '[a, "x" + a]'], ['string', 3, 14, '"x" + a']],
  );
  assert.deepEqual(sites.map((s) => s.id), [0, 1, 2, 3]);
});
