// What the build refuses, each at the TypeScript line that caused it, and
// what it lowers instead of refusing. A refused build writes nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadBoard } from '../../src/boards/load.ts';
import { checkDialect } from '../../src/build/dialect.ts';
import { BuildError, formatDiagnostic } from '../../src/build/diagnostics.ts';
import { buildEspruino } from '../../src/build/espruino.ts';
import { dir, firmwareFile, outDir, sourceFile, api } from './helpers.ts';

const pico = loadBoard('espruino-pico');

async function refusal(entry: string, out?: string): Promise<BuildError> {
  try {
    await buildEspruino(entry, pico, { budget: false, out });
  } catch (e) {
    if (e instanceof BuildError) return e;
    throw e;
  }
  assert.fail(`${entry} built; a refusal was expected`);
}

test('every construct lowering cannot save fails the build at its TypeScript line, and nothing is written', async () => {
  const entry = firmwareFile('refused.ts', [
    '  if (dev.board.id === "nowhere") {', // line 4
    '    outer: for (let i = 0; i < 2; i++) { for (;;) continue outer; }',
    '    const gen = function* () { yield 1; };',
    '    const later = async () => 1;',
    '    const m = new Map<string, number>();',
    '    const s = new Set<number>();', // line 9
    '    const sym = Symbol("x");',
    '    const arr = Array.from([1]);',
    '    const nan = Number.isNaN(1);',
    '    const mul = Math.imul(2, 3);',
    '    Object.freeze(dev);', // line 14
    '    class Bag extends Array<number> {}',
    '    dev.rt.spawn(pollFn(() => [gen, later, m, s, sym, arr, nan, mul, Bag]), "x");',
    '  }',
  ]);
  const out = join(dir, 'refused-out');
  const e = await refusal(entry, out);
  const lines = e.diagnostics.map(formatDiagnostic);
  const expect = [
    [5, 'a labelled statement (continue outer)'],
    [6, 'a generator function (function*)'],
    [7, 'an async function (async () => 1)'],
    [8, 'Map (Espruino has no Map)'],
    [9, 'Set (Espruino has no Set)'],
    [10, 'Symbol (Espruino has no Symbol)'],
    [11, 'Array.from (Espruino has no Array.from)'],
    [12, 'Number.isNaN (Espruino has no Number.isNaN)'],
    [13, 'Math.imul (Espruino has no Math.imul)'],
    [14, 'Object.freeze (Espruino has no Object.freeze)'],
    [15, 'a class extending the built-in Array (class Bag extends Array): super() into a built-in is a SyntaxError there, and the build can give a function base only to Error, TypeError, SyntaxError, ReferenceError'],
  ] as const;
  for (const [line, what] of expect) {
    assert.ok(lines.some((l) => l.endsWith(`refused.ts:${line}: Espruino does not accept ${what}`)), `no "${what}" at line ${line} in:\n${lines.join('\n')}`);
  }
  assert.equal(existsSync(out), false, 'a refused build must not create --out');
});

test('destructuring, spread, rest and default parameters, computed keys, ?. and ** are lowered, not refused', async () => {
  const entry = firmwareFile('lowered.ts', [
    '  const { board } = dev;',
    '  const [first, ...others] = Object.keys(board.pins);',
    '  const pick = (name: string, fallback = "none", ...extra: string[]) => ({ [name]: fallback, extra: [...extra, first] });',
    '  const maybe = (board as { missing?: { deep: number } }).missing?.deep;',
    '  const sq = others.length ** 2;',
    '  const merged = { ...pick("a"), sq, maybe };',
    '  if (merged.sq < 0) dev.led("LED1").on();',
  ]);
  const built = await buildEspruino(entry, pico, { budget: false });
  assert.deepEqual(checkDialect(built.code, built.map), []);
});

test('a pin the board lacks is a type error at its line, with the compiler message', async () => {
  const entry = firmwareFile('bad-led.ts', ['  dev.led("LED7").on();']);
  const e = await refusal(entry);
  assert.equal(e.diagnostics[0]?.code, 'typeError');
  assert.match(formatDiagnostic(e.diagnostics[0]!), /bad-led\.ts:4: TS2345: Argument of type '"LED7"' is not assignable/);
});

test('firmware written for another board is refused, naming both', async () => {
  const entry = sourceFile('puck-only.ts', [
    `import type { Device } from '${api}';`,
    "export default function (dev: Device<'puck-js'>): void {",
    "  dev.output('D5').write(1);",
    '}',
  ]);
  const e = await refusal(entry);
  assert.equal(e.diagnostics[0]?.code, 'wrongBoard');
  assert.match(e.message, /puck-only\.ts:2: the firmware takes Device<"puck-js">, which does not include board "espruino-pico"/);
});

test('an entry without a default export is refused', async () => {
  const entry = sourceFile('no-default.ts', ['export function blink(): void {}']);
  const e = await refusal(entry);
  assert.equal(e.diagnostics[0]?.code, 'noDefaultExport');
  assert.match(e.message, /no-default\.ts: has no default export/);
});

test('a missing entry is refused before anything runs', async () => {
  const e = await refusal(join(dir, 'nothing-here.ts'));
  assert.equal(e.diagnostics[0]?.code, 'noEntry');
  assert.match(e.message, /nothing-here\.ts: no such file/);
});

test('a function used before its declaration still works: the build hoists it', async () => {
  const entry = firmwareFile('hoisted.ts', [
    '  led();',
    '  function led(): void { dev.led("LED1").on(); }',
  ]);
  const built = await buildEspruino(entry, pico, { budget: false, out: outDir('hoisted') });
  assert.deepEqual(checkDialect(built.code), []);
});
