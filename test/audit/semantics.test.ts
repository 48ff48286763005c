// The rewrite must not change what code does: instrumented and plain runs
// of the same input must agree, down to function names and statement breaks.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'acorn';
import { instrumentAllocations } from '../../src/audit/instrument.ts';
import { auditEntry, loadAudited } from '../../src/audit/run.ts';
import { loadPlain } from './helpers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const semantics = readFileSync(path.join(here, 'fixtures', 'semantics.js'), 'utf8');

/** Loads the script plainly and under the audit, runs `action` on both, expects the same JSON. */
function sameResult(code: string, action: (entry: any) => unknown): string {
  const plain = JSON.stringify(action(loadPlain(code)));
  const audited = JSON.stringify(action(loadAudited(code).exports));
  assert.equal(audited, plain);
  return plain;
}

test('instrumented code computes the same results', async () => {
  const result = sameResult(semantics, (e) => e.run());
  assert.ok(result.includes('shape square/4 area 9'), 'the fixture ran to its end');
  assert.equal(await loadAudited(semantics).exports.later(21), await loadPlain(semantics).later(21));
});

test('a function keeps the name it would have been given', () => {
  const code = [
    'const arrow = () => 1; let assigned; assigned = function () {}',
    'const o = { prop: () => 2, "quoted": function () {}, 7: () => 3, [("comp")]: () => 4 }',
    'class K { field = () => 5; static #hidden = () => 6; static hidden() { return K.#hidden } }',
    'function withDefault(fn = () => 7) { return fn }',
    'var __fpEntry = { names: () => [arrow.name, assigned.name, o.prop.name, o.quoted.name, o[7].name, o.comp.name, new K().field.name, K.hidden().name, withDefault().name, (() => 0).name, (class {}).name, K.name] }',
  ].join('\n');
  const names = sameResult(code, (e) => e.names());
  assert.equal(names, '["arrow","assigned","prop","quoted","7","comp","field","#hidden","fn","","","K"]');
});

test('statements ended by a line break keep their meaning', () => {
  const code = [
    'var out = []; var f = () => {}',
    '(function () { out.push("iife") })()',
    'var s = "a", x = 1; s += x++',
    '[0].forEach(function (v) { out.push(v) })',
    'function* g() { yield',
    '(out.push("after yield")) }',
    'var it = g(); it.next(); it.next()',
    'var h = () => {} // a comment before the next line',
    '/* and a block comment */ [5].forEach(function (v) { out.push(v) })',
    'var __fpEntry = { out: out, f: typeof f, s: s }',
  ].join('\n');
  assert.equal(sameResult(code, (e) => e), '{"out":["iife",0,"after yield",5],"f":"function","s":"a1"}');
});

test('a directive prologue stays in force after entry counts are added', () => {
  const code = [
    '"use strict"',
    'function top() { return this }',
    'function loose() { function inner() {} return this === undefined }',
    'function strict() { "use strict"; function inner() {} return this === undefined }',
    'var __fpEntry = { run: () => [top() === undefined, loose(), strict.call(undefined)] }',
  ].join('\n');
  assert.equal(sameResult(code, (e) => e.run()), '[true,true,true]');
  const sloppy = 'function loose() { function inner() {} return this === undefined }\nvar __fpEntry = { run: () => loose() }';
  assert.equal(sameResult(sloppy, (e) => e.run()), 'false');
});

test('wrapping a new callee keeps what new applies to', () => {
  const code = [
    'function Maker() { this.made = true }',
    'Maker.of = function () { return { made: "of" } }',
    'var __fpEntry = { run: () => [new [].constructor(3).length, new class { constructor() { this.k = 1 } }().k, new (function () { this.f = 2 })().f, new Maker().made, new Maker.of().made, new ({ C: Maker }).C().made, new [Maker][0]().made, new ((s) => Maker)`x`().made] }',
  ].join('\n');
  assert.equal(sameResult(code, (e) => e.run()), '[3,1,2,true,"of",true,true,true]');
});

test('module code is rewritten into valid module code', () => {
  const code = [
    'import { x } from "dep";',
    'export const a = { x };',
    'export function f() { return [x] }',
    'export default function () { return `${x}!` }',
    'export class C { m() { return new C() } }',
    'const top = await Promise.resolve(1);',
  ].join('\n');
  const { code: out, sites } = instrumentAllocations(code);
  assert.doesNotThrow(() => parse(out, { ecmaVersion: 'latest', sourceType: 'module' }));
  assert.deepEqual(sites.map((s) => s.kind), ['object', 'closure', 'array', 'closure', 'template', 'class', 'new', 'await', 'call']);
});

test('a bundled parser and string editor give the same output instrumented as not', async () => {
  // acorn, magic-string and trace-mapping, bundled from this audit's own source: thousands of lines of real code.
  const program = await auditEntry(path.join(here, '..', '..', 'src', 'audit', 'instrument.ts'));
  const inside = program.exports.instrumentAllocations(semantics);
  const outside = instrumentAllocations(semantics);
  assert.equal(inside.code, outside.code);
  assert.equal(JSON.stringify(inside.sites), JSON.stringify(outside.sites));
  assert.ok(program.counts() > 1000, 'the parser allocates, and the audit saw it');
});
