// The start-up measure runs minified code as esbuild writes it: a hook
// inserted right after a keyword (`return{`, `return()=>`) keeps a space.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBoard } from '../../src/boards/load.ts';
import { modelFor } from '../../src/build/jsvars.ts';
import { measureStartup } from '../../src/build/measure.ts';

test('minified start-up code with an object or a closure right after return still runs and is counted', async () => {
  const pico = loadBoard('espruino-pico');
  const m = modelFor(pico.jsVars ?? 0);
  const spaced = await measureStartup('function mk(i){return {i:i}}function fn(){return ()=>1}var kept=[mk(1),mk(2)],f=fn();', pico, m);
  const minified = await measureStartup('function mk(i){return{i:i}}function fn(){return()=>1}var kept=[mk(1),mk(2)],f=fn();', pico, m);
  assert.ok(spaced.objects > 0 && spaced.functionCount === 3);
  const counted = (s: typeof spaced) => [s.objects, s.scopes, s.functionCount];
  assert.deepEqual(counted(minified), counted(spaced), 'the same objects, scopes and functions; only the text is shorter');
});
