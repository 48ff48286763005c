// Firmware that reads the board's console UART (uart-echo) takes the console
// from the REPL as it starts: `flagpoll flash` confirms it by the build id it
// printed first, the connection's bytes then reach the firmware, a Ctrl-C
// gives the REPL back, and --save writes .bootcde, which takes it again at
// every boot.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { emulated, flagpoll } from './helpers.ts';

const T = { timeout: 60_000 };

/** Connects to `url`, sends `bytes` and answers what came back within `ms`. */
function exchange(url: string, bytes: string, ms: number): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    let got = '';
    const s = net.createConnection(Number(u.port), u.hostname, () => s.write(bytes));
    s.on('data', (b: Buffer) => (got += b.toString('latin1')));
    s.on('error', reject);
    setTimeout(() => {
      s.destroy();
      resolve(got);
    }, ms);
  });
}

test('flash of firmware that reads the console confirms the build id it printed, and the console then feeds the firmware until Ctrl-C', T, async () => {
  const em = await emulated();
  try {
    const r = await flagpoll('flash', 'examples/uart-echo.ts', '--board', 'espruino-pico', '--port', em.server.url);
    assert.equal(r.code, 0, r.stderr);
    const id = /flashed build (\w+) to PICO_R1_3 on tcp:\S+: the firmware printed its build id "\1" as it took the console \(USB\)\n$/.exec(r.stdout);
    assert.ok(id !== null, r.stdout);
    assert.match(r.stderr, /flash: the firmware reads USB, the board's console: the REPL is on LoopbackA now; Ctrl-C on USB gives it back/);
    assert.equal(em.board.sandbox.consoleDevice, 'LoopbackA');
    assert.equal(await exchange(em.server.url, 'hi\n', 300), 'echo: hi\r\n', 'the line reached the firmware, not the REPL');
    const back = await exchange(em.server.url, '\x03FLAGPOLL_BUILD\n', 300);
    assert.equal(em.board.sandbox.consoleDevice, 'USB');
    assert.match(back, new RegExp(`="${id![1]}"`), 'after Ctrl-C the REPL answers');
  } finally {
    await em.stop();
  }
});

test('flash --save of firmware that takes the console writes .bootcde, so it takes the console again at every boot', T, async () => {
  const em = await emulated();
  try {
    const r = await flagpoll('flash', 'examples/uart-echo.ts', '--board', 'espruino-pico', '--port', em.server.url, '--save');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /and saved it \(\.bootcde: it runs at every boot\): the firmware printed its build id "\w+" as it took the console \(USB\)/);
    assert.match(em.board.storage.read('.bootcde') ?? '', /^\/\/ flagpoll build \w+ for espruino-pico/);
  } finally {
    await em.stop();
  }
});
