// The size report adds up, names what it measured, and a build over the
// board's JsVars fails naming the board and both figures.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadBoard } from '../../src/boards/load.ts';
import { BuildError } from '../../src/build/diagnostics.ts';
import { buildEspruino } from '../../src/build/espruino.ts';
import { modelFor, uploadVars } from '../../src/build/jsvars.ts';
import { STORAGE_CHUNK } from '../../src/build/size.ts';
import { boardFile, example, firmwareFile, outDir, root } from './helpers.ts';

test('bytes is the size of app.js on disk, and each written file is listed with its size', async () => {
  const out = outDir('size');
  const built = await example('blink', 'espruino-pico', { out });
  const app = join(out, 'app.js');
  assert.equal(built.report.bytes, statSync(app).size);
  assert.deepEqual(built.report.files.map((f) => f.path), [app, join(out, 'app.js.map')]);
  for (const f of built.report.files) assert.equal(f.bytes, statSync(f.path).size);
});

test('the parts add up to the bytes; the runtime share is what is not firmware', async () => {
  const r = (await example('multitask')).report;
  const p = r.parts;
  assert.equal(p.firmware + p.runtime + p.platform + p.board + p.generated, r.bytes);
  assert.equal(r.runtime_bytes + r.firmware_bytes, r.bytes);
  assert.equal(r.firmware_bytes, r.sources.find((s) => s.file === 'examples/multitask.ts')!.bytes);
  assert.ok(r.firmware_bytes > (await example('blink')).report.firmware_bytes, 'multitask is more firmware than blink');
  assert.equal(r.runtime_share, Math.round((r.runtime_bytes / r.bytes) * 1000) / 1000);
});

test('the JsVar estimate is its measured parts with the calibration margin, against the board budget', async () => {
  const r = (await example('blink')).report;
  const j = r.jsvars;
  assert.equal(j.measured, true);
  assert.equal(j.modelled, j.objects + j.functions + j.scopes + j.native);
  assert.equal(r.jsvars_estimate, Math.ceil(j.modelled * 1.05));
  assert.equal(r.budget_jsvars, 5100);
  assert.equal(r.jsvar_bytes, 13);
  assert.equal(r.estimate_bytes, r.jsvars_estimate * 13);
  assert.ok(r.upload_peak_jsvars > r.jsvars_estimate, 'sending the text costs more than running it');
  assert.equal(r.flash_peak_jsvars, Math.max(uploadVars(modelFor(5100), STORAGE_CHUNK + 64), r.jsvars_estimate), 'flashing holds one chunk, then the started program');
  assert.ok(r.flash_peak_jsvars <= r.budget_jsvars, 'on a Pico: blink flashes');
});

test('multitask flashes to a Pico through Storage, where a REPL upload of the same text would not fit', async () => {
  const r = (await example('multitask')).report;
  assert.ok(r.flash_peak_jsvars <= r.budget_jsvars, `flash peak ~${r.flash_peak_jsvars} of ${r.budget_jsvars}`);
  assert.ok(r.upload_peak_jsvars > r.budget_jsvars, `REPL upload peak ~${r.upload_peak_jsvars} of ${r.budget_jsvars}`);
});

test('app.js starts with its build id and board; the same source gives the same id, a changed one another', async () => {
  const a = await example('blink');
  assert.match(a.buildId, /^[0-9a-f]{8}$/);
  assert.equal(a.code.split('\n', 1)[0], `// flagpoll build ${a.buildId} for espruino-pico`);
  assert.ok(a.code.includes(`"${a.buildId}"`), 'the id is passed to startEspruino');
  const pico = loadBoard('espruino-pico');
  const again = await buildEspruino(join(root, 'examples/blink.ts'), pico, { budget: false });
  assert.equal(again.buildId, a.buildId);
  const other = await buildEspruino(firmwareFile('other.ts', ['  dev.led("LED2").on();']), pico, { budget: false, typecheck: false });
  assert.notEqual(other.buildId, a.buildId);
});

test('app.js.map leads back to the TypeScript files, relative to the map', async () => {
  const out = outDir('map');
  await example('blink', 'espruino-pico', { out });
  const map = JSON.parse(readFileSync(join(out, 'app.js.map'), 'utf8')) as { sources: string[] };
  const sources = map.sources.map((s) => resolve(out, s));
  assert.ok(sources.includes(join(root, 'examples/blink.ts')));
  assert.ok(sources.includes(join(root, 'src/core/executor.ts')));
});

test('a board with too few JsVars fails the build, naming the board and both figures', async () => {
  const tiny = loadBoard(boardFile('espruino-pico', 'tiny-pico', (b) => { b.jsVars = 1000; }));
  await assert.rejects(buildEspruino(join(root, 'examples/blink.ts'), tiny, { out: outDir('tiny') }), (e: unknown) => {
    assert.ok(e instanceof BuildError);
    assert.equal(e.diagnostics[0]?.code, 'overBudget');
    assert.match(e.message, /^tiny-pico has 1000 JsVars; this build needs about \d{4} once started/);
    return true;
  });
});
