// A class extending Error gets a function base in built firmware: Espruino
// refuses super() into a built-in, and the errors flagpoll throws must still
// be caught as Errors with their code and message.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { loadBoard } from '../../src/boards/load.ts';
import { checkDialect } from '../../src/build/dialect.ts';
import { buildEspruino } from '../../src/build/espruino.ts';
import { lowerErrorBases } from '../../src/build/error-bases.ts';
import { espruinoStubs } from '../../src/build/stubs.ts';
import { api, sourceFile } from './helpers.ts';

const pico = loadBoard('espruino-pico');

test('built firmware has no class extending Error, and a FlagpollError it throws is caught with its code and message', async () => {
  const entry = sourceFile('throws.ts', [
    `import { FlagpollError, Mutex, SpawnError } from '${api}';`,
    `import type { Device } from '${api}';`,
    'export default function firmware(dev: Device): void {',
    '  const seen = globalThis as unknown as { caught: unknown; Caught: unknown };',
    '  try {',
    '    new Mutex(0).unlock();',
    '  } catch (e) {',
    '    seen.caught = e;',
    '  }',
    '  seen.Caught = [FlagpollError, SpawnError];',
    '  dev.rt.spawn({ poll: () => 0 }, "one");',
    '}',
  ]);
  const built = await buildEspruino(entry, pico, { budget: false });
  assert.deepEqual(checkDialect(built.code).map((f) => f.code), []);
  assert.doesNotMatch(built.code, /extends\s*(Error|TypeError)\b/);

  const stubs = espruinoStubs(pico);
  const context = vm.createContext({ ...stubs.globals });
  vm.runInContext(built.code, context, { filename: 'app.js' });
  const { caught, Caught } = vm.runInContext('({ caught: caught, Caught: Caught })', context) as { caught: Error & { code: number }; Caught: [Function, Function] };
  const ErrorThere = vm.runInContext('Error', context) as ErrorConstructor;
  assert.ok(caught instanceof Caught[0], 'a FlagpollError');
  assert.ok(caught instanceof ErrorThere, 'an Error');
  assert.ok(Object.create(Caught[1].prototype) instanceof Caught[0], 'SpawnError is a FlagpollError');
  assert.equal(caught.code, 10);
  assert.equal(caught.message, 'flagpoll E10 Mutex');
  assert.equal(caught.name, 'FlagpollError');
  assert.equal(String(caught), 'FlagpollError: flagpoll E10 Mutex');
});

test('each Error type Espruino has gets one base; a program\'s own Error class is left alone', () => {
  const two = lowerErrorBases('class A extends Error {}\nclass B extends TypeError {}\nclass C extends Error {}\n', 'in.js');
  assert.deepEqual(two.lowered, ['Error', 'TypeError']);
  assert.match(two.code, /class A extends __fpBaseError \{\}\nclass B extends __fpBaseTypeError \{\}\nclass C extends __fpBaseError \{\}/);
  assert.match(two.code, /__fpBaseTypeError\.prototype = Object\.create\(TypeError\.prototype\);/);
  const own = 'class Error {}\nclass A extends Error {}\n';
  assert.equal(lowerErrorBases(own, 'in.js').code, own);
});

test('a class on a lowered base behaves as one on the built-in: message, name, instanceof, an absent message', () => {
  const { code } = lowerErrorBases('class Oops extends Error { constructor(m) { super(m); this.name = "Oops"; } }\nclass Bare extends TypeError {}\n', 'in.js');
  const r = vm.runInNewContext(`${code}\n({ oops: new Oops(42), bare: new Bare(), Oops: Oops, TypeError: TypeError })`) as Record<string, any>;
  assert.equal(r.oops.message, '42');
  assert.equal(String(r.oops), 'Oops: 42');
  assert.ok(r.oops instanceof r.Oops);
  assert.ok(r.bare instanceof r.TypeError);
  assert.equal(r.bare.message, '', 'no own message: the prototype\'s, empty as on V8');
  assert.equal(String(r.bare), 'TypeError');
});
