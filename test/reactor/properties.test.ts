// Property tests of the reactor: random interleavings of GPIO edges, UART
// bytes and lines, virtual time and main-loop runs, on a simulated board
// (see test/fixtures/reactor-steady-state.ts for the firmware). After every
// step nothing was seen twice; whenever the main loop is idle, every task
// that is not napping has seen everything that arrived for it (no lost
// wake); at the end every edge and byte is accounted for, exactly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { auditEntry, formatReport } from '../../src/audit/run.ts';
import { loadBoard } from '../../src/boards/load.ts';
import { input } from '../../src/device-input.ts';
import { uart } from '../../src/device-uart.ts';
import { makeReactorProgram, REPLY_BYTES, RxModel } from '../fixtures/reactor-steady-state.ts';
import type * as Fixture from '../fixtures/reactor-steady-state.ts';
import type { Action, ProgramOptions, ReactorProgram } from '../fixtures/reactor-steady-state.ts';

const board = loadBoard('espruino-pico');
const TASKS = ['pin0', 'pin1', 'pin2', 'reader', 'lines', 'ticker'];

const naps = fc.array(fc.integer({ min: 0, max: 60 }).map((x) => x / 10), { minLength: 1, maxLength: 4 });
const setup = fc.record({ pinNaps: fc.tuple(naps, naps, naps), readerNaps: naps, readSize: fc.integer({ min: 1, max: 8 }) });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('edge' as const), pin: fc.integer({ min: 0, max: 2 }), n: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('bytes' as const), n: fc.integer({ min: 1, max: 90 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('lines' as const), n: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 40 }).map((x) => x / 10) }) },
  { weight: 2, arbitrary: fc.constant({ op: 'run' as const }) },
);

/** Bounds that hold after any step: nothing seen twice, sizes fixed, no task lost. */
function checkAlways(p: ReactorProgram, model: RxModel): void {
  const { dev, sim } = p;
  for (let k = 0; k < 3; k++) assert.ok(p.seen[k]! <= p.driven[k]!, `pin${k} saw ${p.seen[k]} edges of ${p.driven[k]} driven`);
  assert.deepEqual(model.errors, []);
  assert.ok(p.counts.rxRead <= p.counts.rxSent);
  assert.ok(p.counts.lines <= p.counts.linesSent);
  const rt = dev.rt;
  assert.ok(rt.timers.armed <= 5 && rt.timers.armed <= rt.timers.capacity, `${rt.timers.armed} timers armed`);
  assert.equal(rt.executor.tasks, TASKS.length, 'every task is alive');
  assert.deepEqual(sim.reports, []);
  for (const name of ['A0', 'A1', 'A5'] as const) {
    const w = input(dev, name).source.waiters;
    assert.ok(w.length <= 1 && w.overflows === 0, `${name} waiters: ${w.length}`);
  }
  for (const id of ['Serial1', 'USB'] as const) {
    const port = uart(dev, id);
    assert.ok(port.readers.length <= 1 && port.writers.length <= 1 && port.readers.overflows === 0 && port.writers.overflows === 0);
    assert.ok(port.available() <= dev.board.uarts[id]!.rxBuffer);
  }
}

/** With the main loop idle: whoever is not napping has caught up. */
function checkIdle(p: ReactorProgram, model: RxModel): void {
  const { dev, sim } = p;
  assert.equal(dev.reactor!.due(), false, 'no flag left raised');
  assert.equal(dev.rt.executor.ready, 0, 'no task left queued');
  for (let k = 0; k < 3; k++) {
    if (p.pinNapping[k] === 0) assert.equal(p.seen[k], p.driven[k], `pin${k} is waiting, so it has seen every edge`);
  }
  const serial = uart(dev, 'Serial1');
  model.arrive(serial.received);
  assert.equal(serial.overflows, model.dropped, 'the ring dropped exactly the bytes that found it full');
  assert.equal(serial.available(), model.unread);
  if (p.counts.readerNapping === 0) assert.equal(serial.available(), 0, 'the reader is waiting, so it took every byte');
  if (p.counts.replies === p.counts.lines) assert.equal(uart(dev, 'USB').available(), 0, 'the line server is waiting for a line, so it took every byte');
  assert.equal(p.counts.ticks, Math.floor(sim.time), 'the ticker ticked once per virtual millisecond');
}

/** What the runs exercised, summed over all of them: a property that never met an overflow proves little about overflows. */
const coverage = { runs: 0, overflows: 0, merged: 0, usbOverflows: 0, backPressure: 0, midFired: 0 };

/** Run until everything sent has arrived and been handled; then check the totals. */
function drainAndCheck(p: ReactorProgram, model: RxModel): void {
  const { dev, sim, counts } = p;
  const serial = uart(dev, 'Serial1');
  const usb = uart(dev, 'USB');
  const settled = () =>
    serial.received === counts.rxSent && usb.received === counts.usbSent && counts.readerNapping === 0 &&
    p.pinNapping.every((n) => n === 0) && counts.replies === counts.lines && usb.pendingTx() === 0 &&
    sim.transmittedBytes('USB') === counts.replies * REPLY_BYTES;
  sim.advance(0); // the last interrupts may not have run the main loop yet
  for (let i = 0; i < 5000 && !settled(); i++) sim.advance(5);
  assert.ok(settled(), 'everything sent was handled');
  checkIdle(p, model);
  assert.deepEqual(p.seen, p.driven, 'each pin task saw exactly the edges of its kind driven');
  assert.equal(model.unread, 0);
  assert.equal(counts.rxRead + serial.overflows, counts.rxSent, 'bytes read + bytes dropped = bytes sent');
  assert.equal(usb.received, counts.usbSent);
  coverage.runs++;
  coverage.overflows += serial.overflows;
  coverage.usbOverflows += usb.overflows;
  coverage.backPressure += counts.writeWaits;
  coverage.merged += p.seen.reduce((a, n) => a + n, 0) - p.events.reduce((a, n) => a + n, 0);
  if (usb.overflows === 0) {
    assert.equal(counts.lines, counts.linesSent, 'every line answered');
    assert.equal(counts.lineBytes, 4 * counts.lines);
  }
}

function play(opts: ProgramOptions, actions: readonly Action[]): void {
  const model = new RxModel(board.uarts['Serial1']!.rxBuffer);
  const p = makeReactorProgram(board, { ...opts, onRead: model.onRead });
  for (const a of actions) {
    p.apply(a);
    checkAlways(p, model);
    if (a.op === 'run' || a.op === 'advance') checkIdle(p, model);
  }
  drainAndCheck(p, model);
}

test('random edges, bytes, lines and time: no lost wake, nothing seen twice, every byte read or counted dropped, in order', () => {
  fc.assert(
    fc.property(setup, fc.array(action, { maxLength: 60, size: 'max' }), (opts, actions) => play(opts, actions)),
    { numRuns: 200 },
  );
  assert.ok(coverage.runs >= 200 && coverage.overflows > 0 && coverage.usbOverflows > 0 && coverage.merged > 0 && coverage.backPressure > 0, JSON.stringify(coverage));
});

type MidPoll = { op: 'mid'; host: number; pin: number } | { op: 'midBytes'; host: number; n: number };

test('interrupts injected while a task is being polled are dispatched before the main loop sleeps', () => {
  const mid: fc.Arbitrary<MidPoll> = fc.oneof(
    fc.record({ op: fc.constant('mid' as const), host: fc.integer({ min: 0, max: 5 }), pin: fc.integer({ min: 0, max: 2 }) }),
    fc.record({ op: fc.constant('midBytes' as const), host: fc.integer({ min: 0, max: 5 }), n: fc.integer({ min: 1, max: 20 }) }),
  );
  fc.assert(
    fc.property(setup, fc.array(fc.oneof(action, mid), { maxLength: 50, size: 'max' }), (opts, steps) => {
      let fired = 0;
      const model = new RxModel(board.uarts['Serial1']!.rxBuffer);
      const p = makeReactorProgram(board, { ...opts, trace: true, onRead: model.onRead });
      for (const s of steps) {
        if (s.op === 'mid' || s.op === 'midBytes') {
          // What a test would write: drive the input and run the loop; mid-poll, the run must only pend.
          p.sim.duringPoll(TASKS[s.host]!, () => {
            fired++;
            if (s.op === 'mid') p.edge(s.pin);
            else p.bytes(s.n);
            p.sim.runPending();
          });
          p.sim.advance(1); // the ticker is polled every millisecond at least
        } else p.apply(s);
        p.sim.trace!.length = 0;
        checkAlways(p, model);
        if (s.op !== 'edge' && s.op !== 'bytes' && s.op !== 'lines') checkIdle(p, model);
      }
      drainAndCheck(p, model);
      coverage.midFired += fired;
      assert.ok(fired >= steps.filter((s) => s.op.startsWith('mid') && TASKS[(s as MidPoll).host] === 'ticker').length);
    }),
    { numRuns: 150 },
  );
  assert.ok(coverage.midFired > 100, `interrupts injected mid-poll: ${coverage.midFired}`);
});

test('the same random programs, fixed seed, run under the allocation audit: nothing allocated after start-up', async () => {
  const prog = await auditEntry<typeof Fixture>('test/fixtures/reactor-steady-state.ts');
  const programs = fc.sample(fc.tuple(setup, fc.array(action, { minLength: 40, maxLength: 60 })), { seed: 20_240_601, numRuns: 20 });
  let actions = 0;
  for (const [opts, steps] of programs) {
    const p = prog.exports.makeReactorProgram(board, opts);
    // Warm-up: the simulated wire's buffers grow to what a burst needs once, then are reused.
    p.bytes(4096);
    p.apply({ op: 'lines', n: 700 });
    p.sim.advance(800);
    const before = prog.counts();
    for (const a of steps) p.apply(a);
    p.sim.advance(1000);
    const made = prog.counts() - before;
    assert.equal(made, 0, `program ${JSON.stringify(steps)} allocated:\n${formatReport(prog.report(5))}`);
    assert.deepEqual([...p.seen], [...p.driven], 'and it did the work');
    actions += steps.length;
  }
  assert.ok(actions >= 800);
});
