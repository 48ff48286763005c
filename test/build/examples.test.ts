// Every example builds for Espruino boards, and what it builds is Espruino's
// dialect; the JsVar budget is checked where the examples fit it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDialect } from '../../src/build/dialect.ts';
import { EXAMPLES, example } from './helpers.ts';

for (const name of EXAMPLES) {
  test(`${name} builds for espruino-pico and its app.js passes the dialect check`, async () => {
    const built = await example(name);
    assert.deepEqual(checkDialect(built.code, built.map).map((f) => f.what), []);
    assert.ok(built.report.sources.some((s) => s.file === `examples/${name}.ts`), 'the map names the example');
  });
}

test('blink fits the JsVars of an Espruino Pico', async () => {
  const built = await example('blink', 'espruino-pico', { budget: true });
  assert.ok(built.report.jsvars_estimate <= built.report.budget_jsvars);
});

test('every example fits the JsVars of an ESP32 running Espruino', async () => {
  for (const name of EXAMPLES) {
    const built = await example(name, 'esp32-espruino', { budget: true });
    assert.ok(built.report.jsvars_estimate <= 16383, `${name}: ${built.report.jsvars_estimate}`);
  }
});
