// The board behind `emulate --listen` is the Espruino API sandbox on a
// simulated board, in real time: built firmware uploaded by the real client
// or `flagpoll flash` runs there, and its pins move. Plus the adapter's own
// REPL contract: shared globals, output, reset(), save(), getTime.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBoard } from '../../src/boards/load.ts';
import { EspruinoLiveBoard } from '../../src/emulator/espruino-live-board.ts';
import { boardJson, dir, emulated, espruinoCli, flagpoll } from './helpers.ts';

const pico = loadBoard('espruino-pico');
const LED1 = pico.leds.LED1!.pin;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** examples/blink.ts built for espruino-pico, once: the file and its build id. */
let built: Promise<{ file: string; id: string }> | null = null;
function blinkApp(): Promise<{ file: string; id: string }> {
  built ??= (async () => {
    const out = join(dir, 'blink');
    const r = await flagpoll('build', 'examples/blink.ts', '--board', 'espruino-pico', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    const file = join(out, 'app.js');
    const id = /^\/\/ flagpoll build (\S+) for espruino-pico/.exec(readFileSync(file, 'utf8'))![1]!;
    return { file, id };
  })();
  return built;
}

/** LED1's changes since `from` (virtual ms), as levels. */
function ledLevels(board: EspruinoLiveBoard, from = 0): number[] {
  return board.sim.pinHistory(LED1).filter((c) => c.t >= from).map((c) => c.level);
}

test('the espruino CLI uploads built blink to the emulated board, and LED1 toggles in real time', { timeout: 30_000 }, async () => {
  const app = await blinkApp();
  const em = await emulated();
  try {
    const r = await espruinoCli('-p', em.server.url, app.file);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(em.board.global('FLAGPOLL_BUILD'), app.id);
    const since = em.board.sim.time;
    await sleep(1500);
    const levels = ledLevels(em.board);
    assert.ok(levels.includes(1) && levels.includes(0), `LED1 history ${JSON.stringify(em.board.sim.pinHistory(LED1))}`);
    assert.ok(ledLevels(em.board, since).length >= 2, `LED1 toggled ${ledLevels(em.board, since).length} times in 1.5 s`);
    assert.deepEqual(em.board.sandbox.errors, []);
  } finally {
    await em.stop();
  }
});

test('flagpoll flash of built blink reports its build id, and the firmware runs', { timeout: 30_000 }, async () => {
  const app = await blinkApp();
  const em = await emulated();
  try {
    const r = await flagpoll('flash', app.file, '--board', 'espruino-pico', '--port', em.server.url);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `flashed build ${app.id} to PICO_R1_3 on ${em.server.url}: the board reports FLAGPOLL_BUILD = "${app.id}"\n`);
    const since = em.board.sim.time;
    await sleep(1200);
    assert.ok(ledLevels(em.board, since).length >= 2, `LED1 history ${JSON.stringify(em.board.sim.pinHistory(LED1))}`);
  } finally {
    await em.stop();
  }
});

test('a Storage upload of built blink holds a small part of the JsVars the same app holds sent as one REPL statement', { timeout: 30_000 }, async (t) => {
  const app = await blinkApp();
  const viaRepl = await emulated();
  const viaStorage = await emulated();
  try {
    const r1 = await espruinoCli('-p', viaRepl.server.url, app.file);
    assert.equal(r1.code, 0, r1.stderr);
    const r2 = await flagpoll('flash', app.file, '--board', 'espruino-pico', '--port', viaStorage.server.url);
    assert.equal(r2.code, 0, r2.stderr);
    const [repl, storage] = [viaRepl.board.peakVars, viaStorage.board.peakVars];
    t.diagnostic(`peak JsVars held by the REPL (process.memory() model + statement text): REPL upload ${repl}, Storage upload ${storage}, ${readFileSync(app.file).length} bytes`);
    assert.ok(storage * 5 < repl, `Storage ${storage} against REPL ${repl}`);
  } finally {
    await viaRepl.stop();
    await viaStorage.stop();
  }
});

test('lines share one context, print goes to the output, values print as =value', () => {
  const b = new EspruinoLiveBoard({ board: pico, jsonUrl: boardJson });
  try {
    let out = '';
    b.onOutput((t) => (out += t));
    assert.deepEqual(b.evaluate('var x = 40'), { result: 'undefined' });
    assert.deepEqual(b.evaluate('x + 2'), { result: '42' });
    b.evaluate('print("hi", x); console.log("there")');
    assert.equal(out, 'hi 40\nthere\n');
    assert.deepEqual(b.evaluate('nope()'), { error: 'ReferenceError: nope is not defined' });
    assert.equal(b.evaluate('process.env.BOARD').result, '"PICO_R1_3"');
    assert.equal(b.evaluate('process.env.JSON_URL').result, JSON.stringify(boardJson));
    assert.equal(b.evaluate('process.env.CONSOLE').result, '"USB"');
    assert.equal(b.evaluate('typeof getTime()').result, '"number"');
  } finally {
    b.stop();
  }
});

test('pins, watches and timers hit the SimBoard; reset() drops them, the user globals and the pin levels', async () => {
  const b = new EspruinoLiveBoard({ board: pico, jsonUrl: boardJson });
  try {
    let out = '';
    b.onOutput((t) => (out += t));
    b.evaluate('var n = 0; digitalWrite(LED1, 1); setWatch(function () { n++; print("pressed"); }, BTN1, { repeat: true, edge: "rising" })');
    b.evaluate('setInterval(function () { LED2.toggle(); }, 20)');
    assert.equal(b.sim.pinLevel(LED1), 1);
    b.sim.setInput(pico.buttons.BTN1!.pin, 1);
    await sleep(150);
    assert.equal(b.global('n'), 1);
    assert.match(out, /pressed\n/);
    assert.ok(b.sim.pinHistory(pico.leds.LED2!.pin).length >= 3);
    assert.deepEqual(b.sandbox.stats().watches, 1);
    const before = b.sim.time;
    b.evaluate('reset()');
    assert.equal(b.resets, 1);
    assert.equal(b.global('n'), undefined);
    assert.deepEqual(b.sandbox.stats(), { timers: 0, watches: 0, listeners: 0, pendingTx: 0 });
    assert.equal(b.sim.pinLevel(LED1), 0);
    assert.ok(b.sim.time >= before, 'virtual time goes on after reset()');
    b.evaluate('var kept = 1');
    b.evaluate('save()');
    assert.deepEqual(b.saves, [['kept']]);
    assert.match(out, /Done!\n$/);
  } finally {
    b.stop();
  }
});
