// The official client, EspruinoTools' `espruino` CLI, uploading to the
// emulated board over TCP on 127.0.0.1: the code must arrive and run.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appFile, emulated, espruinoCli } from './helpers.ts';

test('the espruino CLI uploads app.js to the emulated board, which runs it', { timeout: 20_000 }, async () => {
  const em = await emulated();
  try {
    const app = appFile('cli00001', 40);
    const r = await espruinoCli('-p', em.server.url, app);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /--\] app cli00001 running: 42/);
    assert.equal(em.board.global('FLAGPOLL_BUILD'), 'cli00001');
    assert.equal(typeof em.board.global('f39'), 'function');
  } finally {
    await em.stop();
  }
});

test('a short upload replaces the last one (reset() first) and runs, though the CLI only exits when the board hangs up', { timeout: 20_000 }, async () => {
  const em = await emulated();
  try {
    assert.equal((await espruinoCli('-p', em.server.url, appFile('long0001', 40))).code, 0);
    assert.equal(typeof em.board.global('f39'), 'function');
    // EspruinoTools 0.1.67 calls back after writing only when the code is over 512 bytes on a fast (USB/Telnet) console
    const cli = espruinoCli('-p', em.server.url, appFile('short001'));
    const deadline = Date.now() + 10_000;
    while (em.board.global('FLAGPOLL_BUILD') !== 'short001' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(em.board.global('FLAGPOLL_BUILD'), 'short001');
    assert.equal(em.board.global('f39'), undefined);
    await em.server.close();
    const r = await cli;
    assert.match(r.stdout, /app short001 running: 42[\s\S]*Disconnected/);
  } finally {
    await em.stop();
  }
});

test('flagpoll emulate --listen serves the console the espruino CLI uploads to', { timeout: 20_000 }, async () => {
  const child = spawn(process.execPath, ['bin/flagpoll.js', 'emulate', '--board', 'espruino-pico', '--listen', 'tcp://127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line; got ${JSON.stringify(out)}`)), 10_000);
      child.stdout.on('data', (d: string) => {
        out += d;
        const m = /listening on (tcp:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m !== null) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    assert.match(out, /^espruino-pico \(PICO_R1_3\) listening on tcp:\/\/127\.0\.0\.1:\d+/);
    const r = await espruinoCli('-p', url, appFile('listen01', 40));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /--\] app listen01 running: 42/);
    assert.match(out, /connected: 127\.0\.0\.1:\d+/);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

test('emulate --listen refuses tcp:// for a NodeMCU board (its console is a serial port: pty:), and an entry beside it', async () => {
  const { main } = await import('../../src/cli/main.ts');
  await assert.rejects(main(['emulate', '--board', 'nodemcu-esp8266', '--listen', 'tcp://127.0.0.1:0'], () => {}), /nodemcu-esp8266 is a NodeMCU board, whose console is a serial port: --listen pty:<path>/);
  await assert.rejects(main(['emulate', 'examples/blink.ts', '--board', 'espruino-pico', '--listen', 'tcp://127.0.0.1:0'], () => {}), /--listen takes only --board/);
  await assert.rejects(main(['emulate', '--board', 'espruino-pico', '--listen', '127.0.0.1:2323'], () => {}), /expected tcp:\/\/host:port/);
});
