// The benchmark firmware (src/bench/espruino-ping-pong.ts) builds for the
// Pico and runs to the end on the Espruino sandbox: it prints a line for each
// of its three phases and the ratio line, and the flagpoll phase grows
// process.memory().usage by 0. The sandbox's usage here counts every
// allocation app.js makes (the allocation audit as usageProbe), so a 0 means
// the flagpoll phase allocated nothing at all; the Promise phase, which
// allocates per step, is the check that the figure can move. No speed is
// asserted: getTime() is virtual in the sandbox, so rates print as "-".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { loadAudited } from '../../src/audit/run.ts';
import type { AuditedProgram } from '../../src/audit/run.ts';
import type { SourceMapLike } from '../../src/audit/source-map.ts';
import { loadBoard } from '../../src/boards/load.ts';
import { buildEspruino } from '../../src/build/espruino.ts';
import { espruinoTestBoard } from '../../src/emulator/espruino-board.ts';
import { root } from './helpers.ts';

const ENTRY = join(root, 'src/bench/espruino-ping-pong.ts');
const PHASE = /^(flagpoll|promise|callback) (\d+) steps in [\d.]+ s: (?:-|\d+) steps\/s; usage (\d+) -> (\d+) \(([+-]\d+)\), in-phase ([+-]\d+)$/;

/** Build the benchmark, start it on a sandboxed Pico under the allocation audit, run it to its ratio line. */
async function benchLines(steps?: number): Promise<string[]> {
  const built = await buildEspruino(ENTRY, loadBoard('espruino-pico'));
  let prog: AuditedProgram | null = null;
  const b = espruinoTestBoard({ code: built.code, filename: 'app.js' }, 'espruino-pico', {
    record: false,
    usageProbe: () => (prog === null ? 0 : prog.counts()),
    load: (text, globals, filename) => {
      if (steps !== undefined) globals.PP_STEPS = steps;
      prog = loadAudited(text, { globals, filename, map: built.map as SourceMapLike });
    },
  });
  // The Promise phase runs on the host's microtask queue: give it a turn after each step of virtual time.
  for (let ms = 0; ms < 2_000 && !b.consoleLines().some((l) => l.startsWith('ratio ')); ms += 10) {
    b.advance(10);
    await turn();
  }
  assert.deepEqual(b.sim.reports, [], 'the firmware reported no problem');
  return b.consoleLines();
}

function phases(lines: string[]) {
  return lines.flatMap((l) => {
    const m = PHASE.exec(l);
    return m === null ? [] : [{ name: m[1]!, steps: Number(m[2]), growth: Number(m[5]), inPhase: Number(m[6]) }];
  });
}

test('the benchmark firmware prints its three phases and the ratio line', async () => {
  const lines = await benchLines();
  assert.deepEqual(phases(lines).map((p) => [p.name, p.steps]), [['flagpoll', 1000], ['promise', 1000], ['callback', 1000]]);
  assert.match(lines.at(-1)!, /^ratio flagpoll\/promise (-|[\d.]+), flagpoll\/callback (-|[\d.]+)$/);
});

test('the flagpoll phase grows process.memory().usage by 0 and the Promise phase does not (audited allocations)', async () => {
  const byName = new Map(phases(await benchLines(200)).map((p) => [p.name, p]));
  assert.equal(byName.get('flagpoll')!.steps, 200, 'PP_STEPS sets the steps');
  assert.equal(byName.get('flagpoll')!.growth, 0, 'flagpoll: usage after the phase');
  assert.equal(byName.get('flagpoll')!.inPhase, 0, 'flagpoll: usage from first step to last');
  assert.ok(byName.get('promise')!.growth >= 200, `the Promise chain allocates per step (grew ${byName.get('promise')!.growth})`);
});
