// `flagpoll build` for NodeMCU boards refuses, naming what to fix: a Lua the
// board does not have, a construct typescript-to-lua cannot compile for the
// board's Lua (at the TypeScript line), a number used as a condition (0 is
// true in Lua), a build over the board's Lua heap, an unknown or host board.
// A refused build writes nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { skipWithoutLua } from '../lua/helpers.ts';
import { boardFile, firmwareFile, outDir } from '../build/helpers.ts';

async function run(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(['build', ...argv], (l) => lines.push(l));
  return { code, lines };
}

test('a --lua the board does not have is refused, naming the board\'s Lua', async () => {
  const out = outDir('nodemcu-wrong-lua');
  const r = await run('examples/blink.ts', '--board', 'nodemcu-esp8266', '--lua', '5.3', '--out', out);
  assert.equal(r.code, 1);
  assert.match(r.lines[0]!, /^nodemcu-esp8266 runs Lua 5\.1; --lua 5\.3 is not a Lua this board has/);
  assert.equal(existsSync(join(out, 'init.lua')), false);
  const esp32 = await run('examples/blink.ts', '--board', 'nodemcu-esp32', '--lua', '5.1', '--out', out, '--json');
  assert.equal(esp32.code, 1);
  assert.deepEqual((JSON.parse(esp32.lines[0]!) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code), ['wrongLua']);
});

test('--lua on an Espruino board is a usage error', async () => {
  await assert.rejects(run('examples/blink.ts', '--board', 'espruino-pico', '--lua', '5.1', '--out', outDir('x')), { name: 'UsageError', message: /--lua is for NodeMCU boards; espruino-pico is a espruino board/ });
});

test('a construct typescript-to-lua cannot compile for Lua 5.1 is refused at its TypeScript line', async () => {
  // A labelled continue: Lua 5.1 has no goto, and TSTL lowers no labels.
  const fw = firmwareFile('label.ts', [
    '  let n = 0;',
    '  outer: for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) { if (j === 1) continue outer; n++; }',
    '  dev.rt.spawn(pollFn(() => (n > 100 ? 1 : PENDING)), "n");',
  ]);
  const out = outDir('nodemcu-label');
  const r = await run(fw, '--board', 'nodemcu-esp8266', '--out', out);
  assert.equal(r.code, 1);
  assert.match(r.lines[0]!, /label\.ts:5: typescript-to-lua cannot compile this for Lua 5\.1: Unsupported node kind LabeledStatement/);
  assert.equal(existsSync(join(out, 'init.lua')), false);
});

test('a number used as a condition is refused at its line: in Lua 0 is true', async () => {
  const fw = firmwareFile('number-condition.ts', [
    '  let n = 0;',
    '  dev.rt.spawn(pollFn(() => (n++ ? PENDING : PENDING)), "n");',
  ]);
  const r = await run(fw, '--board', 'nodemcu-esp32', '--out', outDir('nodemcu-number-condition'));
  assert.equal(r.code, 1);
  assert.match(r.lines[0]!, /number-condition\.ts:5: typescript-to-lua cannot compile this for Lua 5\.3: Only false and nil evaluate to 'false' in Lua/);
});

test('a build over the board\'s Lua heap is refused with both sizes and the runtime\'s part', { skip: skipWithoutLua('5.1') }, async () => {
  const board = boardFile('nodemcu-esp8266', 'nodemcu-tiny-heap', (b) => { b.luaHeapBytes = 15000; });
  const out = outDir('nodemcu-over');
  const r = await run('examples/blink.ts', '--board', board, '--out', out);
  assert.equal(r.code, 1);
  assert.match(r.lines[0]!, /^nodemcu-tiny-heap has 15000 bytes of Lua heap; this init\.lua takes \d+ bytes of bytecode \(the runtime \d+ of them\)\. Make the firmware smaller/);
  assert.equal(existsSync(join(out, 'init.lua')), false);
});

test('an unknown board and a host board are usage errors naming the board', async () => {
  await assert.rejects(run('examples/blink.ts', '--board', 'nodemcu-esp8267', '--out', outDir('x')), /unknown board "nodemcu-esp8267", did you mean "nodemcu-esp8266"\?/);
  const host = boardFile('nodemcu-esp32', 'host-board', (b) => { b.target = 'host'; delete b.lua; delete b.luaHeapBytes; });
  await assert.rejects(run('examples/blink.ts', '--board', host, '--out', outDir('x')), { name: 'UsageError', message: /host-board is a host board; it runs firmware in the emulator/ });
});

test('build --json for a NodeMCU board prints target, files, bytes, bytecode_bytes and budget_bytes', { skip: skipWithoutLua('5.3') }, async () => {
  const out = outDir('nodemcu-json');
  const r = await run('examples/blink.ts', '--board', 'nodemcu-esp32', '--out', out, '--json');
  assert.equal(r.code, 0);
  const j = JSON.parse(r.lines[0]!) as Record<string, unknown>;
  const file = join(out, 'init.lua');
  assert.equal(j.target, 'nodemcu');
  assert.deepEqual(j.files, [{ path: file, bytes: readFileSync(file).length }]);
  assert.equal(j.bytes, readFileSync(file).length);
  assert.equal(typeof j.bytecode_bytes, 'number');
  assert.equal(j.budget_bytes, 102400);
  assert.ok((j.runtime_bytecode_bytes as number) < (j.bytecode_bytes as number));
});

test('build prints init.lua, bytecode and heap lines', { skip: skipWithoutLua('5.3') }, async () => {
  const r = await run('examples/blink.ts', '--board', 'nodemcu-esp32', '--out', outDir('nodemcu-text'));
  assert.equal(r.code, 0);
  const text = r.lines.join('\n');
  assert.match(text, /^built examples\/blink\.ts for nodemcu-esp32 \(nodemcu, Lua 5\.3\), build [0-9a-f]{8}\n/);
  assert.match(text, /bytecode  [\d,]+ bytes stripped \(luac5\.3 -s\); runtime [\d,]+, \d+\.\d% of it/);
  assert.match(text, /heap      [\d,]+ of 102,400 bytes of Lua heap \(\d+%\), on the bytecode/);
});

test('a construct only Lua 5.3 can run (a function\'s length) builds for the ESP32 and is refused for the ESP8266 at its line', async () => {
  // TSTL reads a function's parameter count with debug.getinfo(f).nparams, which Lua 5.1 does not have.
  const fw = firmwareFile('fnlen.ts', [
    '  const f = (a: number, b: number): number => a + b;',
    '  dev.rt.spawn(pollFn(() => (f.length > 9 ? 1 : PENDING)), "n");',
  ]);
  const refused = await run(fw, '--board', 'nodemcu-esp8266', '--out', outDir('nodemcu-fnlen-51'));
  assert.equal(refused.code, 1);
  assert.match(refused.lines[0]!, /fnlen\.ts:5: typescript-to-lua cannot compile this for Lua 5\.1: function\.length is\/are not supported for target Lua 5\.1/);
  const built = await run(fw, '--board', 'nodemcu-esp32', '--out', outDir('nodemcu-fnlen-53'));
  assert.equal(built.code, 0, built.lines.join('\n'));
});
