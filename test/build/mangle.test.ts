// The Espruino build renames the runtime's private members, and only those:
// what firmware, the board data or the Espruino API can reach keeps its name.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mangleableNames } from '../../src/build/mangle.ts';
import { example } from './helpers.ts';

const runtime = (text: string) => ({ path: '/repo/src/x.ts', text, runtime: true });
const firmware = (text: string) => ({ path: '/fw/main.ts', text, runtime: false });

test('private and protected members, parameter properties included, are renamed', () => {
  const names = mangleableNames([runtime('class A { private ring = 0; protected head = 0; constructor(private readonly hal: object, readonly board: object) {} private drain() {} }')]);
  assert.deepEqual(names, ['drain', 'hal', 'head', 'ring']);
});

test('a member marked @internal is renamed like a private one', () => {
  assert.deepEqual(mangleableNames([runtime('class A {\n  /** @internal */\n  readonly waiters = 0;\n  /** For users. */\n  readonly waiting = 0;\n}')]), ['waiters']);
});

test('a private name that is public elsewhere, a key, a string or a built-in keeps its name', () => {
  const names = mangleableNames([runtime([
    'class A { private level = 0; private pins = 0; private mode = 0; private length = 0; private toString2 = 0; }',
    'class B { level = 1; }',
    'interface Board { pins: number }',
    'const o = { mode: 1 }; const k = "toString2";',
  ].join('\n'))]);
  assert.deepEqual(names, []);
});

test('a name the firmware uses in any way keeps its name', () => {
  const names = mangleableNames([
    runtime('class A { private spill = 0; private items = 0; private queue = 0; }'),
    firmware('const x: any = JSON.parse("{}"); x.spill = 1; const y = { items: 2 }; class Q { private queue = 1; }'),
  ]);
  assert.deepEqual(names, []);
});

test('a built blink carries no runtime private name as written, and public ones as written', async () => {
  const b = await example('blink');
  assert.doesNotMatch(b.code, /\.(freeTop|dropFuture|finishStop|runScheduled|alarmId|onLevel)\b/);
  assert.match(b.code, /\.toggle\(\)/);
  assert.match(b.code, /\.led\("LED1"\)/);
  assert.match(b.code, /activeLevel:"high"/);
});
