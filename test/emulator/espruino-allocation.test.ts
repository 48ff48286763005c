// Built Espruino firmware in its steady state allocates nothing, counted by
// the allocation audit on app.js itself: the sandbox's API is passed in as
// the audited context's globals, so the sandbox's own code runs outside the
// instrumented code and only app.js is counted. The firmware
// (espruino-steady-firmware.ts) answers a stream of button presses and
// console lines while a ticker runs. And the audit sees an allocation added
// to the built code's setWatch callback (a test of the test).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatReport, loadAudited } from '../../src/audit/run.ts';
import type { AuditedProgram } from '../../src/audit/run.ts';
import type { SourceMapLike } from '../../src/audit/source-map.ts';
import { espruinoTestBoard } from '../../src/emulator/espruino-board.ts';
import type { EspruinoTestBoard } from '../../src/emulator/espruino-board.ts';
import { buildApp, builtBy } from './espruino-helpers.ts';

const FIRMWARE = 'test/emulator/espruino-steady-firmware.ts';
const CYCLES = 5_000;
const WARM = 50;

interface Steady {
  b: EspruinoTestBoard<'espruino-pico'>;
  prog: AuditedProgram;
  /** `n` cycles: a 30 ms press of BTN1, 30 ms, a console line, 20 ms. */
  run(n: number): void;
}

function steady(code: string, map: object | undefined): Steady {
  let prog: AuditedProgram | null = null;
  const b = espruinoTestBoard<'espruino-pico'>({ code, filename: 'app.js' }, 'espruino-pico', {
    record: false,
    usageProbe: () => (prog === null ? 0 : prog.counts()),
    load: (text, globals, filename) => {
      prog = loadAudited(text, { globals, filename, ...(map !== undefined && { map: map as SourceMapLike }) });
    },
  });
  const con = b.uart('console');
  return {
    b,
    prog: prog!,
    run(n: number): void {
      for (let i = 0; i < n; i++) {
        b.press('BTN1', 30);
        b.advance(30);
        con.send('ping\r\n');
        b.advance(20);
      }
    },
  };
}

/** Run the steady state: warm up, reset the counts, `cycles` more; check the work was done. */
async function measure(t: { diagnostic(m: string): void }, cycles: number) {
  const app = await buildApp(FIRMWARE);
  t.diagnostic(builtBy(app));
  const s = steady(app.code, app.map);
  s.run(WARM);
  s.prog.reset();
  const usage = s.b.sandbox.memory().usage;
  s.run(cycles);
  const n = WARM + cycles;
  assert.deepEqual(s.b.sim.reports, [], 'no task failed');
  assert.equal(s.b.sim.transmittedBytes('Serial1'), 11 * n, 'every press was answered on Serial1');
  assert.equal(s.b.sim.transmittedBytes('USB'), 10 * n, 'every line was answered on the console');
  assert.equal(s.b.level('LED1'), n % 2, 'LED1 toggled once per press');
  return { s, usage, report: s.prog.report(10) };
}

test('built firmware in its steady state allocates nothing at all', async (t) => {
  const { s, usage, report } = await measure(t, CYCLES);
  assert.equal(report.total, 0, 'allocations in the steady state:\n' + formatReport(report));
  assert.equal(s.b.sandbox.memory().usage, usage, 'process.memory().usage came back to where it was');
});

test('the audit catches one allocation added to the built setWatch callback (a test of the test)', async (t) => {
  const app = await buildApp(FIRMWARE);
  t.diagnostic(builtBy(app));
  const hook = /setWatch\(\s*(?:function\s*[\w$]*\s*\(\s*([\w$]+)\s*\)|\(?\s*([\w$]+)\s*\)?\s*=>)\s*\{/;
  const m = hook.exec(app.code);
  assert.ok(m !== null, 'app.js has a setWatch callback');
  const at = m.index + m[0].length;
  const event = m[1] ?? m[2];
  const code = `${app.code.slice(0, at)} globalThis.__leak = { at: ${event}.time };${app.code.slice(at)}`;
  const line = app.code.slice(0, at).split('\n').length;
  const s = steady(code, undefined); // the injected line keeps its number; sites name app.js lines
  s.run(WARM);
  s.prog.reset();
  s.run(1_000);
  const report = s.prog.report();
  const injected = report.sites.find((site) => site.line === line);
  assert.ok(injected !== undefined, 'a site at the injected line:\n' + formatReport(report));
  assert.equal(injected.kind, 'object');
  assert.equal(injected.count, 2_000, 'two debounced edges per press, one allocation each');
  assert.ok(s.b.sandbox.memory().usage > 2_000, 'process.memory().usage grows with it (the audit count is its usageProbe)');
});
