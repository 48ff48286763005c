// Espruino only pretokenises functions created after E.setFlags({pretokenise:1}) runs,
// so the build turns it on before the program's first function exists.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRETOKENISE } from '../../src/build/espruino.ts';
import { example } from './helpers.ts';

test('app.js turns on pretokenising on its second line, before any function of the program is made', async () => {
  const built = await example('blink');
  const lines = built.code.split('\n');
  assert.match(lines[0]!, /^\/\/ flagpoll build [0-9a-f]+ for espruino-pico$/);
  assert.equal(lines[1], PRETOKENISE);
  assert.ok(!lines[1]!.includes('function'), 'nothing else on that line');
  assert.ok(lines.slice(2).join('\n').includes('function'), 'the program follows');
});
