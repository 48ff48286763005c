// `flagpoll build` on the command line: its report, its JSON, and its
// refusals, each naming what to fix.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { dir, firmwareFile, outDir } from './helpers.ts';

async function run(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(['build', ...argv], (l) => lines.push(l));
  return { code, lines };
}

test('build writes app.js and prints its size, share and JsVars against the board', async () => {
  const out = outDir('cli-text');
  const { code, lines } = await run('examples/blink.ts', '--board', 'espruino-pico', '--out', out);
  assert.equal(code, 0);
  const text = lines.join('\n');
  assert.match(text, /^built examples\/blink\.ts for espruino-pico \(espruino\), build [0-9a-f]{8}\n/);
  assert.match(text, new RegExp(`app\\.js   ${statSync(join(out, 'app.js')).size.toLocaleString('en-US')} bytes: firmware \\d+, runtime`));
  assert.match(text, /JsVars   ~[\d,]+ of 5,100 \(\d+%\) once started/);
  assert.match(text, /upload   through the REPL/);
});

test('build --json prints one object with the report fields', () => {
  const out = outDir('cli-json');
  const stdout = execFileSync('node', ['bin/flagpoll.js', 'build', 'examples/blink.ts', '--board', 'espruino-pico', '--out', out, '--json'], { encoding: 'utf8' });
  const r = JSON.parse(stdout) as Record<string, unknown>;
  for (const k of ['target', 'board', 'files', 'bytes', 'jsvars_estimate', 'budget_jsvars', 'build_id', 'runtime_bytes', 'firmware_bytes', 'runtime_share', 'parts']) {
    assert.ok(k in r, `missing ${k}`);
  }
  assert.equal(r.target, 'espruino');
  assert.equal(r.board, 'espruino-pico');
  assert.equal(r.bytes, statSync(join(out, 'app.js')).size);
});

test('a refused build prints file:line for each problem, exits 1 and writes nothing', async () => {
  const entry = firmwareFile('cli-label.ts', ['  scan: for (;;) { break scan; }']);
  const out = join(dir, 'cli-refused');
  const { code, lines } = await run(entry, '--board', 'espruino-pico', '--out', out);
  assert.equal(code, 1);
  assert.match(lines[0]!, /cli-label\.ts:4: Espruino does not accept a labelled statement \(break scan\)$/);
  assert.equal(lines.at(-1), 'build failed: 1 problem(s); nothing was written');
  assert.equal(existsSync(out), false);
  const json = await run(entry, '--board', 'espruino-pico', '--out', out, '--json');
  assert.equal(json.code, 1);
  const r = JSON.parse(json.lines[0]!) as { ok: boolean; diagnostics: { code: string; line: number }[] };
  assert.equal(r.ok, false);
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line]), [['label', 4]]);
});

test('an unknown board is refused with the board loader message', async () => {
  await assert.rejects(run('examples/blink.ts', '--board', 'espruino-pic', '--out', outDir('x')), /unknown board "espruino-pic", did you mean "espruino-pico"\?/);
});

test('a missing entry, a missing --board and a missing --out are usage errors', async () => {
  await assert.rejects(run('examples/nope.ts', '--board', 'espruino-pico', '--out', outDir('x')), { name: 'UsageError', message: 'build: examples/nope.ts: no such file' });
  await assert.rejects(run('examples/blink.ts', '--out', outDir('x')), { name: 'UsageError', message: /--board is required/ });
  await assert.rejects(run('examples/blink.ts', '--board', 'espruino-pico'), { name: 'UsageError', message: /--out is required/ });
  await assert.rejects(run('--board', 'espruino-pico', '--out', outDir('x')), { name: 'UsageError', message: /give one entry file/ });
});
