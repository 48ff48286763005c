// `flagpoll flash` against the emulated board and against ports that are
// absent, silent, the wrong board or cut off mid-upload: success is only
// ever the board answering the build id; everything else is refused or
// failed with a message and exit status 1.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appFile, deadPort, dir, emulated, flagpoll, silent } from './helpers.ts';

const T = { timeout: 20_000 };

test('flash uploads app.js to the emulated board and reports the build id the board answers', T, async () => {
  const em = await emulated();
  try {
    const r = await flagpoll('flash', appFile('fl000001', 40), '--board', 'espruino-pico', '--port', em.server.url);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `flashed build fl000001 to PICO_R1_3 on ${em.server.url}: the board reports FLAGPOLL_BUILD = "fl000001"\n`);
    assert.match(r.stderr, /flash: the board answers PICO_R1_3, Espruino 2v29/);
    assert.match(r.stderr, /flash: sent (\d+)\/\1 bytes \(100%\)/);
    assert.equal(em.board.global('FLAGPOLL_BUILD'), 'fl000001');
  } finally {
    await em.stop();
  }
});

test('flash writes the app to a Storage file in 1 KB chunks and loads it; .bootcde is left alone', T, async () => {
  const em = await emulated();
  try {
    const file = appFile('fl000012', 60);
    const r = await flagpoll('flash', file, '--board', 'espruino-pico', '--port', em.server.url);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(em.board.storage.read('flagpoll.js'), readFileSync(file, 'latin1'));
    assert.equal(em.board.storage.read('.bootcde'), undefined);
    assert.ok(readFileSync(file).length > 2048, 'more than two chunks');
  } finally {
    await em.stop();
  }
});

test('flash --save writes the app to .bootcde, which the board runs at every boot, then confirms the build', T, async () => {
  const em = await emulated();
  try {
    const file = appFile('fl000002');
    const r = await flagpoll('flash', file, '--board', 'espruino-pico', '--port', em.server.url, '--save');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /and saved it \(\.bootcde: it runs at every boot\): the board reports FLAGPOLL_BUILD = "fl000002"/);
    assert.equal(em.board.storage.read('.bootcde'), readFileSync(file, 'latin1'));
    assert.deepEqual(em.board.saves, [], 'no save() of a RAM image');
  } finally {
    await em.stop();
  }
});

test('a serial port that does not exist is refused before anything is loaded', T, async () => {
  const r = await flagpoll('flash', appFile('fl000003'), '--board', 'espruino-pico', '--port', '/dev/ttyFLAGPOLL-absent');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /flash: refused: no serial port \/dev\/ttyFLAGPOLL-absent \(no such file\)/);
  assert.equal(r.stdout, '');
});

test('a TCP port nothing listens on is refused as such', T, async () => {
  const url = await deadPort();
  const r = await flagpoll('flash', appFile('fl000004'), '--board', 'espruino-pico', '--port', url);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`flash: refused: nothing is listening on ${url}\\n`));
  assert.equal(r.stdout, '');
});

test('a port that accepts and never answers is refused once the prompt does not come', T, async () => {
  const s = await silent();
  try {
    const r = await flagpoll('flash', appFile('fl000005'), '--board', 'espruino-pico', '--port', s.url);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`flash: refused: ${s.url} accepted the connection but nothing answered`));
    assert.equal(r.stdout, '');
  } finally {
    await s.stop();
  }
});

test('a board answering ESP32 where the board file says PICO_R1_3 is refused, and nothing is uploaded', T, async () => {
  const em = await emulated('ESP32');
  try {
    const r = await flagpoll('flash', appFile('fl000006'), '--board', 'espruino-pico', '--port', em.server.url);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /flash: refused: the board on tcp:\/\/127\.0\.0\.1:\d+ is ESP32, but espruino-pico is PICO_R1_3; check --port and --board, or --force/);
    assert.equal(em.board.global('FLAGPOLL_BUILD'), undefined);
  } finally {
    await em.stop();
  }
});

test('--force uploads to the other board anyway and says so', T, async () => {
  const em = await emulated('ESP32');
  try {
    const r = await flagpoll('flash', appFile('fl000007'), '--board', 'espruino-pico', '--port', em.server.url, '--force');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /--force: uploading to ESP32 although espruino-pico is PICO_R1_3/);
    assert.match(r.stdout, /flashed build fl000007 to ESP32/);
    assert.equal(em.board.global('FLAGPOLL_BUILD'), 'fl000007');
  } finally {
    await em.stop();
  }
});

test('an upload cut off midway is reported as failed, never as flashed', T, async () => {
  const em = await emulated('PICO_R1_3', 400); // the env query takes about 80 bytes, the app about 1900
  try {
    const r = await flagpoll('flash', appFile('fl000008', 40), '--board', 'espruino-pico', '--port', em.server.url);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /flash: FAILED: the board closed the connection( \(.*\))? (during the upload|before confirming the build id), after \d+ of \d+ bytes were written: the upload is not confirmed/);
    assert.doesNotMatch(r.stdout + r.stderr, /flashed/);
    assert.equal(em.server.received, 400);
  } finally {
    await em.stop();
  }
});

test('a Bluetooth address is recognised and refused on a machine without a Bluetooth adapter', T, async () => {
  const r = await flagpoll('flash', appFile('fl000009', 0, 'puck-js'), '--board', 'puck-js', '--port', 'aa:bb:cc:dd:ee:ff');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /aa:bb:cc:dd:ee:ff is a Bluetooth LE address, and uploading over BLE needs a machine with a Bluetooth adapter/);
});

test('a file without the build line cannot be confirmed and is refused', T, async () => {
  const file = join(dir, 'plain.js');
  writeFileSync(file, 'print("no header");\n');
  const r = await flagpoll('flash', file, '--board', 'espruino-pico', '--port', 'tcp://127.0.0.1:9');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /plain\.js: its first line is not "\/\/ flagpoll build <id> for <board>"/);
});

test('errors the app prints as it starts are shown, and the build is still confirmed', T, async () => {
  const em = await emulated();
  try {
    const file = join(dir, 'throws.js');
    writeFileSync(file, '// flagpoll build fl000011 for espruino-pico\nvar FLAGPOLL_BUILD = "fl000011";\nnotAnEspruinoFunction(LED1);\n');
    const r = await flagpoll('flash', file, '--board', 'espruino-pico', '--port', em.server.url);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /flash: the board printed: Uncaught ReferenceError: notAnEspruinoFunction is not defined/);
    assert.match(r.stdout, /FLAGPOLL_BUILD = "fl000011"/);
  } finally {
    await em.stop();
  }
});

test('a .ts entry is built first, and a build that fails uploads nothing', T, async () => {
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const entry = join(dir, 'broken.ts');
  const api = join(process.cwd(), 'src/index.ts');
  writeFileSync(entry, `import type { Device } from '${api}';\nexport default function (dev: Device): void {\n  const n: number = 'text';\n  if (n > 0) dev.led('LED1').on();\n}\n`);
  const em = await emulated();
  try {
    const r = await flagpoll('flash', entry, '--board', 'espruino-pico', '--port', em.server.url);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /flash: refused: the build of .*broken\.ts failed, nothing was uploaded:\n[\s\S]*broken\.ts:3: TS2322/);
    assert.equal(em.server.received, 0);
  } finally {
    await em.stop();
  }
});

test('an app built for another board is refused unless --force', T, async () => {
  const r = await flagpoll('flash', appFile('fl000010', 0, 'puck-js'), '--board', 'espruino-pico', '--port', '/dev/null');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /was built for puck-js, not espruino-pico; build it for espruino-pico, or --force/);
});
