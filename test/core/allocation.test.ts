// The steady state allocates nothing: proven by the allocation audit, which
// counts every object, array, closure and string the emitted code creates.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditEntry, formatReport } from '../../src/audit/run.ts';
import type { SteadyState } from '../fixtures/steady-state.ts';

const FIXTURE = 'test/fixtures/steady-state.ts';
const CYCLES = 100_000;

async function steady(transformSource?: (file: string, text: string) => string | undefined) {
  const prog = await auditEntry<{ makeSteadyState: () => SteadyState }>(FIXTURE, transformSource ? { transformSource } : {});
  const s = prog.exports.makeSteadyState();
  s.run(100); // warm-up: first arming of timers, first registrations
  prog.reset();
  s.run(CYCLES);
  return { prog, s };
}

test('100,000 cycles of signal, channel, mutex, notify, select, timeout and timer create no object, array, closure or string', async () => {
  const { prog, s } = await steady();
  const c = s.counts;
  assert.equal(c.pongs, CYCLES + 100, 'the ping-pong really ran');
  assert.equal(c.received, CYCLES + 100, 'the channel really carried every value');
  assert.equal(c.locks, CYCLES + 100);
  assert.equal(c.ticks, CYCLES + 100);
  assert.equal(c.notified, CYCLES + 100);
  assert.ok(c.timeouts > 30_000 && c.met > 30_000, `both select outcomes ran: ${c.timeouts} timeouts, ${c.met} met`);
  const report = prog.report(10);
  assert.equal(report.total, 0, 'allocations in the steady state:\n' + formatReport(report));
});

test('the audit catches one allocation added to the wake path (a test of the test)', async () => {
  const marker = 'state[slot] = S.LIVE | S.QUEUED;\n    const len';
  let injected = false;
  const { prog } = await steady((file, text) => {
    if (!file.endsWith('src/core/executor.ts')) return undefined;
    assert.ok(text.includes(marker), 'the marker line is still in executor.ts');
    injected = true;
    return text.replace(marker, 'this.lastWake = { slot };\n    ' + marker);
  });
  assert.ok(injected);
  const report = prog.report(3);
  assert.ok(report.total >= CYCLES, `expected at least one allocation per wake, got ${report.total}`);
  const top = report.sites[0]!;
  assert.equal(top.kind, 'object');
  assert.match(`${top.source?.file}:${top.source?.line}`, /src\/core\/executor\.ts:\d+/);
});
