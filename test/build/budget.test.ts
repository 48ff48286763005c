// What an Espruino build costs, held where it is: the runtime's bytes and
// JsVars for blink on an Espruino Pico, how the bundle is lowered (classes
// kept, default parameters rewritten, ES5 only when the code needs it), the
// build-time flags that leave host-only code out, and the slim firmware still
// running.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { loadBoard } from '../../src/boards/load.ts';
import { BUILD_FLAGS, deviceBoard } from '../../src/build/bundle.ts';
import { checkDialect } from '../../src/build/dialect.ts';
import { buildEspruino } from '../../src/build/espruino.ts';
import { lowerDefaultParameters, lowerForEspruino } from '../../src/build/lower.ts';
import { playBuiltScenario } from '../../src/emulator/espruino-board.ts';
import { example, firmwareFile, outDir } from './helpers.ts';
import { join } from 'node:path';

test('blink for espruino-pico: the runtime share stays within 9,850 bytes', async () => {
  const r = (await example('blink')).report;
  assert.ok(r.runtime_bytes <= 9_850, `the runtime share of blink is ${r.runtime_bytes} bytes, over its budget of 9,850 (11,300 before the executor made handles only for spawnJoin and lost its free list, generations and per-slot arrays; 10,700 before Error subclasses got a base Espruino can super() into and the console move for firmware reading the console; it was 28,713 before classes were kept and host-only code left out, 20,439 before private members were renamed, 19,066 while the device carried inputs and UARTs, 12,731 while the runtime carried every kind of timer, 11,636 while the device always made a reactor)`);
});

test('blink for espruino-pico: the JsVar estimate stays within 2,060', async () => {
  const r = (await example('blink')).report;
  assert.ok(r.jsvars_estimate <= 2_060, `blink needs ~${r.jsvars_estimate} JsVars once started, over its budget of 2,060 (2,400 before the executor lost its per-slot arrays and made handles only for spawnJoin; 2,330 before the task headers held each slot's state and future as fields instead of typed arrays, for a shorter wake path; 2,300 before the Error base and the console move; it was 4,959, then 3,714 before private members were renamed, 3,560 while the device carried inputs and UARTs, 2,632 while the runtime carried every kind of timer, 2,448 while the device always made a reactor)`);
});

test('a firmware carries only what it opens: blink no reactor, UART, input, sleep or timeout; button has UART and input', async () => {
  const files = async (name: string) => (await example(name)).report.sources.map((f) => f.file);
  const blink = await files('blink');
  for (const f of ['src/reactor/uart-port.ts', 'src/device-uart.ts', 'src/reactor/pin-source.ts', 'src/device-input.ts', 'src/sync/wait-queue.ts', 'src/time/sleep.ts', 'src/time/timeout.ts', 'src/reactor/reactor.ts', 'src/reactor/wake-flags.ts']) {
    assert.ok(!blink.includes(f), `blink carries ${f}`);
  }
  const button = await files('button');
  for (const f of ['src/reactor/uart-port.ts', 'src/device-uart.ts', 'src/reactor/pin-source.ts', 'src/device-input.ts']) assert.ok(button.includes(f), `button lacks ${f}`);
});

test('multitask fits an Espruino Pico with the budget checked', async () => {
  const r = (await example('multitask', 'espruino-pico', { budget: true })).report;
  assert.ok(r.jsvars_estimate <= r.budget_jsvars);
});

test('the runtime keeps its classes: lowered at es2015, no ES5 class wrappers, nothing Espruino refuses', async () => {
  const b = await example('blink');
  assert.equal(b.report.lowering, 'es2015');
  assert.match(b.code, /=class extends /);
  // The one prototype method: the toString of the Error base (error-bases.ts).
  assert.doesNotMatch(b.code.replace(/\.prototype\.toString=function\(\)\{return this\.message\?/, ''), /__extends|\.prototype\.\w+=function/);
  assert.deepEqual(checkDialect(b.code), []);
});

test('host-only code is left out: no message texts, no tracing; the report says where the codes are', async () => {
  const b = await example('blink');
  assert.doesNotMatch(b.code, /the task table is full|TracingVTable|\.record\("/);
  assert.match(b.code, /"flagpoll E"/);
  assert.equal(b.report.error_codes, 'src/core/errors.ts (enum Code)');
  assert.deepEqual(Object.keys(BUILD_FLAGS).sort(), ['__FLAGPOLL_MESSAGES__', '__FLAGPOLL_TRACE__']);
});

test('the board on the chip keeps only what the device reads', () => {
  const b = deviceBoard(loadBoard('espruino-pico'));
  assert.deepEqual(Object.keys(b), ['id', 'espruinoBoard', 'pins', 'leds', 'buttons', 'uarts', 'console', 'tasks', 'timers']);
  assert.deepEqual((b.pins as Record<string, unknown>).B2, { pin: 'B2', caps: ['irq'] });
  assert.deepEqual((b.leds as Record<string, unknown>).LED1, { pin: 'B2', activeLevel: 'high' });
});

test('default parameters become a test at the top of the body, arrows and methods included', () => {
  const src = [
    'function f(a, b = a + 1) { return [a, b]; }',
    'const g = (x = 2) => ({ x });',
    'class C { m(k = "k") { return k; } }',
    'globalThis.out = [f(1), f(1, 5), f(1, undefined), g(), g(3), new C().m(), new C().m(null)];',
  ].join('\n');
  const lowered = lowerDefaultParameters(src, 'in.js');
  assert.deepEqual(checkDialect(lowered.code).filter((f) => f.code === 'defaultParameter'), []);
  const ctx: { out?: unknown } = {};
  vm.runInNewContext(lowered.code.replace('globalThis.out', 'this.out'), ctx);
  assert.deepEqual(JSON.parse(JSON.stringify(ctx.out)), [[1, 2], [1, 5], [1, 2], { x: 2 }, { x: 3 }, 'k', null]);
});

test('code es2015 cannot carry (destructuring, spread) goes down the ES5 path instead', async () => {
  const es5 = await lowerForEspruino('var o = { a: 1 }; var { a } = o; var xs = [...[a]]; class K {}');
  assert.equal(es5.lowering, 'es5');
  const kept = await lowerForEspruino('var f = (a = 1) => a ** 2; var o = { ...{ b: 1 } }; var c = o?.b; class K { m() { return 1; } }');
  assert.equal(kept.lowering, 'es2015');
  assert.deepEqual(checkDialect(kept.code).filter((f) => f.code !== 'hoisting'), []);
  const built = await buildEspruino(firmwareFile('destructure.ts', ['  const { led } = { led: dev.led("LED1") };', '  led.on();']), loadBoard('espruino-pico'), { budget: false });
  assert.equal(built.report.lowering, 'es5');
  assert.deepEqual(checkDialect(built.code), []);
});

test('the slim blink still runs: built, it passes its scenario in the Espruino sandbox', async () => {
  const out = outDir('budget-blink');
  await example('blink', 'espruino-pico', { out });
  const { result } = playBuiltScenario(join(out, 'app.js'), 'examples/blink.scenario.yaml');
  assert.equal(result.steps.find((r) => !r.ok)?.message, undefined);
});
