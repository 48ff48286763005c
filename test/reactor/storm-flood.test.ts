// Storms and floods: far more events than a task can follow, with exact
// accounting. The storm runs under the allocation audit, so "memory stays
// fixed" is counted, not assumed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditEntry, formatReport } from '../../src/audit/run.ts';
import { loadBoard } from '../../src/boards/load.ts';
import { input } from '../../src/device-input.ts';
import { uart } from '../../src/device-uart.ts';
import { makeReactorProgram, RxModel } from '../fixtures/reactor-steady-state.ts';
import type * as Fixture from '../fixtures/reactor-steady-state.ts';

const board = loadBoard('espruino-pico');

test('a storm of 100,000 edges: the slow task accounts for every rising edge through merged, the ticker keeps time, nothing is allocated', async () => {
  const prog = await auditEntry<typeof Fixture>('test/fixtures/reactor-steady-state.ts');
  // pin0 waits for rising edges of A0 and sleeps 10 ms after each event it sees.
  const p = prog.exports.makeReactorProgram(board, { pinNaps: [[10], [0], [0]] });
  const { sim, dev } = p;
  const waiters = input(dev, 'A0').source.waiters;
  p.edge(0);
  p.edge(0);
  sim.advance(20); // warm-up: the first event, the first nap
  prog.reset();
  const t0 = sim.time;
  const EDGES = 100_000;
  for (let i = 0; i < EDGES; i++) {
    sim.advanceTo(t0 + i * 0.01); // an edge every 10 µs
    p.edge(0);
    sim.runPending();
    if (i % 1000 === 0) {
      assert.ok(dev.rt.timers.armed <= 2, `timers armed: ${dev.rt.timers.armed}`);
      assert.ok(waiters.length <= 1 && waiters.overflows === 0);
      assert.ok(p.seen[0]! <= p.driven[0]!);
    }
  }
  sim.advance(20);
  assert.equal(p.driven[0], 1 + EDGES / 2, 'rising edges driven');
  assert.equal(p.seen[0], p.driven[0], 'the sum of merged over the events seen is exactly the rising edges driven');
  const busyMs = sim.time - t0;
  assert.ok(p.events[0]! <= 2 + busyMs / 10, `the task saw at most one event per nap: ${p.events[0]}`);
  assert.ok(p.events[0]! >= busyMs / 10 - 2, `and did not sleep through the storm: ${p.events[0]}`);
  assert.equal(p.counts.ticks, Math.floor(sim.time), 'the 1 ms ticker ticked once per virtual millisecond throughout');
  assert.equal(sim.reports.length, 0, 'no task failed'); // (an array of the audit's own realm: no deepEqual)
  const report = prog.report(5);
  assert.equal(report.total, 0, 'allocations during the storm:\n' + formatReport(report));
});

test('a flood of 1 MB into a 64-byte ring: bytes read + overflows = bytes sent, and each byte read is the one expected, in order', () => {
  const rxBuffer = board.uarts['Serial1']!.rxBuffer;
  assert.equal(rxBuffer, 64);
  const model = new RxModel(rxBuffer);
  // The reader takes at most 4 bytes, then sleeps 1 ms (about 11 bytes arrive per ms at 115200 baud).
  const p = makeReactorProgram(board, { readSize: 4, readerNaps: [1], onRead: model.onRead });
  const { sim, dev, counts } = p;
  const serial = uart(dev, 'Serial1');
  const MB = 1 << 20;
  const CHUNK = 4096;
  for (let sent = 0; sent < MB; sent += CHUNK) {
    p.bytes(CHUNK);
    sim.advance(CHUNK * (10_000 / 115_200)); // the chunk's time on the wire
  }
  sim.advance(500);
  assert.equal(counts.rxSent, MB);
  assert.equal(serial.received, MB, 'every byte sent arrived');
  assert.ok(serial.overflows > MB / 2, `a slow reader: most bytes dropped (${serial.overflows})`);
  assert.equal(counts.rxRead + serial.overflows, MB, 'bytes read + overflows = bytes sent');
  model.arrive(serial.received);
  assert.deepEqual(model.errors, [], 'every byte read is the byte sent at the position the ring kept');
  assert.equal(model.dropped, serial.overflows, 'the bytes dropped are the newest, each time the ring was full');
  assert.equal(model.unread, 0);
  assert.ok(serial.readers.length <= 1 && dev.rt.timers.armed <= 2);
});
