// The emulated-interrupt benchmark counts what it claims: every interrupt
// injected is seen by the task, and a run that loses one is refused.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeIrqBench, timeIrqs } from '../../src/bench/irq.ts';
import { formatBench, runBench } from '../../src/bench/run.ts';
import { input } from '../../src/device-input.ts';

test('each injected interrupt is one edge seen by the task, through one run of the main loop', () => {
  const b = makeIrqBench();
  const ticks = b.sim.ticks;
  assert.equal(b.run(10_000), 10_000);
  assert.ok(b.sim.ticks - ticks >= 10_000, 'the main loop ran after every interrupt');
  assert.equal(b.dev.reactor!.due(), false);
  assert.ok(timeIrqs(b, 10_000) > 0);
});

test('a run in which the task misses an interrupt is refused, not timed', () => {
  const b = makeIrqBench();
  const src = input(b.dev, 'A0').source;
  const record = src.edge.bind(src);
  let n = 0;
  src.edge = (level, time) => {
    if (++n % 100 !== 0) record(level, time); // lose one edge in a hundred
  };
  assert.throws(() => b.run(1000), /injected 1000 interrupts, the task saw 990/);
});

test('flagpoll bench reports emulated_irqs_per_s and prints it', async () => {
  const r = await runBench({ trials: 1, wakes: 20_000, irqs: 20_000 });
  assert.ok(Number.isInteger(r.emulated_irqs_per_s) && r.emulated_irqs_per_s > 0);
  assert.match(formatBench(r), /emulated interrupts +\d+\.\d M\/s/);
});
