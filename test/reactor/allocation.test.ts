// The reactor's steady state allocates nothing: GPIO edges, UART bytes in and
// out, timers, through a Device on the simulated board with `record: false`,
// counted by the allocation audit. And the audit would see it if they did.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditEntry, formatReport } from '../../src/audit/run.ts';
import { loadBoard } from '../../src/boards/load.ts';
import type * as Fixture from '../fixtures/reactor-steady-state.ts';

const FIXTURE = 'test/fixtures/reactor-steady-state.ts';
const CYCLES = 100_000;
const WARM = 100;
const board = loadBoard('espruino-pico');

async function steady(cycles: number, transformSource?: (file: string, text: string) => string | undefined) {
  const prog = await auditEntry<typeof Fixture>(FIXTURE, transformSource ? { transformSource } : {});
  const s = prog.exports.makeReactorSteadyState(board);
  s.run(WARM); // warm-up: first registrations, first arming of timers
  prog.reset();
  s.run(cycles);
  return { prog, p: s.program };
}

test('100,000 cycles of edges, UART lines, bytes and replies, sleeps and ticks create no object, array, closure or string', async () => {
  const { prog, p } = await steady(CYCLES);
  const n = CYCLES + WARM;
  assert.equal(p.driven[0], n, 'A0 rose once per cycle');
  assert.equal(p.seen[0], n, 'and every rise was seen');
  assert.equal(p.seen[1], p.driven[1]);
  assert.ok(p.seen[2]! >= p.driven[2]! - 3 && p.events[2]! < n / 2, `the slow watcher merged edges: ${p.events[2]} events for ${p.seen[2]} edges`);
  assert.equal(p.counts.lines, n, 'every line was read');
  assert.equal(p.counts.lineBytes, 4 * n);
  assert.equal(p.counts.replies, n, 'and answered');
  assert.ok(p.sim.transmittedBytes('USB') >= 10 * (n - 1), 'the replies went out on the wire');
  assert.ok(p.counts.rxRead >= 3 * n - 3, `Serial1 bytes read: ${p.counts.rxRead}`);
  assert.equal(p.counts.ticks, n);
  const report = prog.report(10);
  assert.equal(report.total, 0, 'allocations in the steady state:\n' + formatReport(report));
});

for (const [file, marker, what] of [
  ['src/reactor/pin-source.ts', 'this.flags.raise(this.flag);', 'PinSource.edge'],
  ['src/reactor/uart-port.ts', 'this.flags.raise(this.rxFlag);', 'UartPort.receive'],
] as const) {
  test(`the audit catches one allocation added to ${what} (a test of the test)`, async () => {
    let injected = false;
    const { prog } = await steady(10_000, (path, text) => {
      if (!path.endsWith(file)) return undefined;
      assert.equal(text.split(marker).length, 2, `the marker line is in ${file} exactly once`);
      injected = true;
      return text.replace(marker, `(this as any).last = { at: 1 };\n    ${marker}`);
    });
    assert.ok(injected);
    const report = prog.report(3);
    assert.ok(report.total >= 10_000, `expected at least one allocation per event, got ${report.total}`);
    const top = report.sites[0]!;
    assert.equal(top.kind, 'object');
    assert.match(`${top.source?.file}:${top.source?.line}`, new RegExp(`${file.replace(/[.]/g, '\\.')}:\\d+$`));
  });
}
