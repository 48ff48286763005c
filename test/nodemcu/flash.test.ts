// `flagpoll flash` to a NodeMCU board: the real upload client (nodemcu-tool)
// against the emulated board on a socat pseudo-terminal, and against ports
// that are absent, silent, cut off mid-upload or the wrong board. Success is
// only ever init.lua verified on the board and the restarted firmware
// answering its build id (or printing it as it takes the console:
// flash-takes-console.test.ts); everything else is refused or failed with a
// message and exit status 1.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dir, flagpoll, initLua, ptyBoard, skipWithoutPty } from './flash-helpers.ts';
import { appFile } from '../upload/helpers.ts';

const T = { timeout: 60_000, skip: skipWithoutPty() };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('flash uploads init.lua with nodemcu-tool, checks it on the board, restarts it, and the firmware runs', T, async () => {
  const b = await ptyBoard();
  try {
    const file = initLua('nm000001', undefined, { pad: 40 });
    const r = await flagpoll('flash', file, '--board', 'nodemcu-esp8266', '--port', b.pty.path);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `flashed build nm000001 to nodemcu-esp8266 on ${b.pty.path}: the board reports FLAGPOLL_BUILD = "nm000001"\n`);
    assert.match(r.stderr, /flash: the board answers ESP8266, NodeMCU 3\.0\.0, chip id 0x[0-9a-f]+, Lua 5\.1\n/);
    assert.ok((r.stderr.match(/^flash: sent \d+\/\d+ bytes \(\d+%\)$/gm) ?? []).length >= 5, 'progress as the upload goes');
    assert.match(r.stderr, /flash: sent (\d+)\/\1 bytes \(100%\)\n/);
    assert.match(r.stderr, /flash: init\.lua on the board: (\d+) bytes, Adler-32 0x[0-9a-f]{8}, as built\nflash: restarted with node\.restart\(\)\n$/);
    assert.deepEqual(readFileSync(join(b.fsDir, 'init.lua')), readFileSync(file));
    assert.equal(b.live!.restarts, 1);
    const before = b.live!.sim.pinHistory(4).length;
    await sleep(450);
    assert.ok(b.live!.sim.pinHistory(4).length >= before + 3, 'LED1 toggles every 100 ms after the restart');
  } finally {
    await b.stop();
  }
});

test('an error init.lua raised as the board booted is shown as the board printed it', T, async () => {
  const b = await ptyBoard();
  try {
    const r = await flagpoll('flash', initLua('nm000015', 'error("no sensor")'), '--board', 'nodemcu-esp8266', '--port', b.pty.path);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /flash: restarted with node\.restart\(\)\nflash: the board printed: init\.lua:3: no sensor\n/);
  } finally {
    await b.stop();
  }
});

test('an ESP32 board (Lua 5.3, no node.info) is recognised and flashed', T, async () => {
  const b = await ptyBoard({ board: 'nodemcu-esp32' });
  try {
    const r = await flagpoll('flash', initLua('nm00000c', 'print("up on " .. _VERSION)', { builtFor: 'nodemcu-esp32' }), '--board', 'nodemcu-esp32', '--port', b.pty.path);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /flash: the board answers ESP32, NodeMCU \(version not reported\), chip id 0x[0-9a-f]+, Lua 5\.3\n/);
    assert.match(r.stdout, /the board reports FLAGPOLL_BUILD = "nm00000c"/);
  } finally {
    await b.stop();
  }
});

test('an upload corrupted on the wire is caught by the size and checksum computed on the board', T, async () => {
  const b = await ptyBoard({ corrupt: true });
  try {
    const r = await flagpoll('flash', initLua('nm00000d'), '--board', 'nodemcu-esp8266', '--port', b.pty.path);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /flash: FAILED: init\.lua on the board is (\d+) bytes with Adler-32 0x[0-9a-f]{8}, the build is \1 bytes with 0x[0-9a-f]{8}: it did not arrive intact; flash again\n/);
    assert.equal(b.live!.restarts, 0);
    assert.equal(r.stdout, '');
  } finally {
    await b.stop();
  }
});

test('flagpoll emulate --listen pty: takes the upload, and shows the restarted firmware driving LED1', T, async () => {
  const link = join(dir, 'tty-cli');
  const em = spawn(process.execPath, ['bin/flagpoll.js', 'emulate', '--board', 'nodemcu-esp8266', '--listen', `pty:${link}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  em.stdout.on('data', (x: Buffer) => (out += x.toString()));
  try {
    for (let i = 0; i < 300 && !out.includes('upload with'); i++) await sleep(20);
    assert.match(out, new RegExp(`^nodemcu-esp8266 \\(ESP8266, Lua 5\\.1\\) on ${link} -> /dev/pts/\\d+, files in \\S+; upload with: flagpoll flash init\\.lua --board nodemcu-esp8266 --port ${link}\\n`));
    const r = await flagpoll('flash', initLua('nm000003'), '--board', 'nodemcu-esp8266', '--port', link);
    assert.equal(r.code, 0, r.stderr);
    await sleep(400);
    assert.match(out, /\] LED1 \(D4\) = 1\n.*\] LED1 \(D4\) = 0\n/);
  } finally {
    const exited = new Promise((r) => em.once('exit', r));
    em.kill('SIGTERM');
    await exited;
  }
  assert.match(out, /\nstopped\n$/);
});

test('flagpoll emulate --listen pty: --fs <dir> boots the board from that folder and keeps what was uploaded there', T, async () => {
  const link = join(dir, 'tty-fs');
  const fsDir = mkdtempSync(join(dir, 'own-fs-'));
  copyFileSync(initLua('nm000013'), join(fsDir, 'init.lua'));
  const em = spawn(process.execPath, ['bin/flagpoll.js', 'emulate', '--board', 'nodemcu-esp8266', '--listen', `pty:${link}`, '--fs', fsDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  em.stdout.on('data', (x: Buffer) => (out += x.toString()));
  try {
    for (let i = 0; i < 300 && !/LED1 \(D4\) = 0/.test(out); i++) await sleep(20);
    assert.ok(out.includes(`, files in ${fsDir}; upload with:`), out);
    assert.match(out, /\] LED1 \(D4\) = 1\n.*\] LED1 \(D4\) = 0\n/, 'the init.lua in the folder ran at boot');
    const r = await flagpoll('flash', initLua('nm000014', 'print("second")'), '--board', 'nodemcu-esp8266', '--port', link);
    assert.equal(r.code, 0, r.stderr);
  } finally {
    const exited = new Promise((r) => em.once('exit', r));
    em.kill('SIGTERM');
    await exited;
  }
  assert.match(readFileSync(join(fsDir, 'init.lua'), 'latin1'), /^-- flagpoll build nm000014 /);
});

test('emulate --fs is refused when the folder does not exist, and without --listen', T, async () => {
  const missing = await flagpoll('emulate', '--board', 'nodemcu-esp8266', '--listen', `pty:${join(dir, 'tty-nofs')}`, '--fs', join(dir, 'no-such-folder'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /emulate --fs .*no-such-folder: no such folder \(give an existing folder for nodemcu-esp8266's files\)/);
  const alone = await flagpoll('emulate', 'examples/blink.ts', '--board', 'nodemcu-esp8266', '--fs', dir);
  assert.equal(alone.code, 2);
  assert.match(alone.stderr, /emulate: --fs <dir> is the flash of a NodeMCU board that takes uploads: it goes with --listen pty:<path>/);
});

test('a serial port that does not exist is refused, naming it', T, async () => {
  const r = await flagpoll('flash', initLua('nm000004'), '--board', 'nodemcu-esp8266', '--port', '/dev/ttyFLAGPOLL-absent');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /flash: refused: no serial port \/dev\/ttyFLAGPOLL-absent \(no such file\)/);
  assert.equal(r.stdout, '');
});

test('a port where nothing answers at the prompt is refused once the echo check times out', T, async () => {
  const b = await ptyBoard({ silent: true });
  try {
    const r = await flagpoll('flash', initLua('nm000005'), '--board', 'nodemcu-esp8266', '--port', b.pty.path);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`flash: refused: ${b.pty.path} opened, but nothing answered at the NodeMCU prompt within about 2 s, even after a Ctrl-C`));
    assert.equal(r.stdout, '');
  } finally {
    await b.stop();
  }
});

test('an upload cut off midway (the pty closes) is reported as failed, never as flashed', T, async () => {
  const b = await ptyBoard({ cutAfterBytes: 3000 }); // the greeting and checks take about 700 bytes, the upload about 5000
  try {
    const r = await flagpoll('flash', initLua('nm000006', undefined, { pad: 40 }), '--board', 'nodemcu-esp8266', '--port', b.pty.path);
    assert.equal(r.code, 1);
    // Which is heard first depends on load: serialport's 'close' ("the port closed"), or nodemcu-tool failing a write to the vanished pty.
    assert.match(r.stderr, /flash: FAILED: (the port closed|.*cannot write chunk to remote file.*) during the upload, after \d+ of \d+ bytes were sent: init\.lua on the board is not confirmed and may be cut short; flash again\n/);
    assert.doesNotMatch(r.stdout + r.stderr, /flashed/);
    assert.equal(r.stdout, '');
  } finally {
    await b.stop();
  }
});

test('an ESP8266 board answering where the board file is an ESP32 is refused, and nothing is uploaded', T, async () => {
  const b = await ptyBoard();
  try {
    const r = await flagpoll('flash', initLua('nm000007', 'print(1)', { builtFor: 'nodemcu-esp32' }), '--board', 'nodemcu-esp32', '--port', b.pty.path);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /flash: refused: the board on .* is an ESP8266 with Lua 5\.1, but nodemcu-esp32 is an ESP32 with Lua 5\.3; check --port and --board, or --force/);
    assert.equal(existsSync(join(b.fsDir, 'init.lua')), false);
    assert.equal(b.live!.restarts, 0);
  } finally {
    await b.stop();
  }
});

test('init.lua built for another NodeMCU board is refused unless --force', T, async () => {
  const r = await flagpoll('flash', initLua('nm000008', 'print(1)', { builtFor: 'nodemcu-esp32' }), '--board', 'nodemcu-esp8266', '--port', '/dev/null');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /flash: refused: init\d+\.lua was built for nodemcu-esp32, not nodemcu-esp8266; build it for nodemcu-esp8266, or --force/);
});

test('firmware of the other target is refused both ways: init.lua to an Espruino board, app.js to a NodeMCU board', T, async () => {
  const lua = await flagpoll('flash', initLua('nm000009'), '--board', 'espruino-pico', '--port', '/dev/null');
  assert.equal(lua.code, 1);
  assert.match(lua.stderr, /flash: refused: .*init\d+\.lua is NodeMCU firmware \(Lua\); espruino-pico is an espruino board/);
  const js = await flagpoll('flash', appFile('nm00000a'), '--board', 'nodemcu-esp8266', '--port', '/dev/null');
  assert.equal(js.code, 1);
  assert.match(js.stderr, /flash: refused: app\d+\.js is Espruino firmware \(built for espruino-pico\); nodemcu-esp8266 is a NodeMCU board/);
});

test('a file without the build line cannot be confirmed and is refused', T, async () => {
  const file = join(dir, 'plain.lua');
  writeFileSync(file, 'print("no header")\n');
  const r = await flagpoll('flash', file, '--board', 'nodemcu-esp8266', '--port', '/dev/null');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /plain\.lua: its first line is not "-- flagpoll build <id> for <board>"/);
});

test('a TCP port is refused: a NodeMCU board is flashed over its serial port', T, async () => {
  const r = await flagpoll('flash', initLua('nm00000b'), '--board', 'nodemcu-esp8266', '--port', 'tcp://127.0.0.1:9');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /flash: refused: --port tcp:\/\/127\.0\.0\.1:9: a NodeMCU board takes uploads on its serial port/);
});

test('a .ts entry is built first, and a build that fails uploads nothing', T, async () => {
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const entry = join(dir, 'broken.ts');
  const api = join(process.cwd(), 'src/index.ts');
  writeFileSync(entry, `import type { Device } from '${api}';\nexport default function (dev: Device): void {\n  const n: number = 'text';\n  if (n > 0) dev.led('LED1').on();\n}\n`);
  const b = await ptyBoard();
  try {
    const r = await flagpoll('flash', entry, '--board', 'nodemcu-esp8266', '--port', b.pty.path);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /flash: refused: the build of .*broken\.ts failed, nothing was uploaded:\n[\s\S]*broken\.ts:3: TS2322/);
    assert.equal(b.received, 0);
  } finally {
    await b.stop();
  }
});
