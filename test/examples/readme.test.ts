// The test shown in README.md, run as it is written there.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Host } from 'flagpoll/testing';
import { start } from '../../examples/sampler.ts';

test('the logger reports each sample', () => {
  const host = new Host();
  const lines: string[] = [];
  start(host.rt, (l) => lines.push(l));
  host.advance(1000);                       // virtual time: instant, exact
  assert.deepEqual(lines, ['got 1', 'got 2', 'got 3', 'got 4', 'got 5']);
});

test('npm start runs the heartbeat example to its end and prints what it did', async () => {
  const { runOnHost } = await import('../../src/cli/run.ts');
  const lines: string[] = [];
  const code = await runOnHost('examples/heartbeat.ts', { untilMs: 3000, tasks: 8, timers: 16, write: (l) => lines.push(l) });
  assert.equal(code, 0);
  assert.ok(lines.includes('[   0.500 s] beat 1'));
  assert.ok(lines.includes('[   1.900 s] logger: no reading for 300 ms'), 'the stalled sensor is reported');
  assert.equal(lines.at(-1), '[   3.000 s] stopped: 3 task(s) alive of 8, 3 timer(s) armed');
});
