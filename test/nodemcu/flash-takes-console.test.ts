// `flagpoll flash` to a NodeMCU board whose firmware takes the console
// (uart.on "data" with run_input 0): nothing answers at the Lua prompt after
// the restart, so the build is confirmed by the line the firmware prints
// before it takes the console, "flagpoll build <id>: uart0 is the firmware's
// input now; Ctrl-C on uart0 gives it back to Lua" (src/targets/nodemcu/hal.ts);
// another id, or none, is a failure. The Ctrl-C that gives the console back is
// also what lets flash reach such a board again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flagpoll, initLua, ptyBoard, skipWithoutPty, takesConsole } from './flash-helpers.ts';
import type { PtyBoard } from './flash-helpers.ts';

const T = { timeout: 60_000, skip: skipWithoutPty() };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Bytes the board sends from now on, and a wait until they include `text`. */
function listen(b: PtyBoard) {
  const heard = { text: '' };
  b.live!.onOutput((x) => {
    heard.text += x.toString('latin1');
    b.pty.write(x);
  });
  const until = async (text: string) => {
    for (let i = 0; i < 100 && !heard.text.includes(text); i++) await sleep(20);
    return heard.text;
  };
  return { heard, until };
}

test('firmware that takes the console is confirmed by the build id it prints first, reads the console, and gives Lua back on Ctrl-C', T, async () => {
  const b = await ptyBoard();
  try {
    const r = await flagpoll('flash', initLua('nm000002', takesConsole('nm000002')), '--board', 'nodemcu-esp8266', '--port', b.pty.path);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `flashed build nm000002 to nodemcu-esp8266 on ${b.pty.path}: the firmware printed its build id "nm000002" as it took the console (uart0)\n`);
    assert.match(r.stderr, /flash: restarted with node\.restart\(\)\nflash: the firmware reads uart0, the board's console: Lua no longer answers there; Ctrl-C on uart0 gives it back\n$/);
    const { heard, until } = listen(b);
    b.live!.input(Buffer.from('hello\n'));
    assert.equal(await until('\r\n'), 'echo: hello\r\n');
    heard.text = '';
    b.live!.input(Buffer.from('\x03\n'));
    b.live!.input(Buffer.from('print(FLAGPOLL_BUILD)\n'));
    assert.equal(await until('\r\n> '), 'print(FLAGPOLL_BUILD)\r\nnm000002\r\n> ');
  } finally {
    await b.stop();
  }
});

test('firmware that takes the console from its first task, after the boot prompt, is confirmed by the line it prints then', T, async () => {
  const b = await ptyBoard();
  try {
    const r = await flagpoll('flash', initLua('nm00000e', takesConsole('nm00000e', { later: true })), '--board', 'nodemcu-esp8266', '--port', b.pty.path);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /: the firmware printed its build id "nm00000e" as it took the console \(uart0\)\n$/);
  } finally {
    await b.stop();
  }
});

test('firmware that takes the console saying another build id is a failure, with exit status 1', T, async () => {
  const b = await ptyBoard();
  try {
    const r = await flagpoll('flash', initLua('nm00000f', takesConsole('nm0000ff')), '--board', 'nodemcu-esp8266', '--port', b.pty.path);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /flash: FAILED: init\.lua was verified on the board, but after the restart the firmware that took the console says it is build nm0000ff, not "nm00000f": the firmware did not start\n$/);
    assert.equal(r.stdout, '');
  } finally {
    await b.stop();
  }
});

test('firmware that takes the console without printing its build id is not confirmed: a failure, with exit status 1', T, async () => {
  const b = await ptyBoard();
  try {
    const r = await flagpoll('flash', initLua('nm000010', takesConsole(null)), '--board', 'nodemcu-esp8266', '--port', b.pty.path);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /flash: FAILED: init\.lua was verified on the board, but after the restart it neither printed "flagpoll build <id>" nor answered print\(FLAGPOLL_BUILD\) within 3 s: the build is not confirmed \(a firmware that takes the console must print its build id first\)\n$/);
    assert.equal(r.stdout, '');
  } finally {
    await b.stop();
  }
});

test('a board whose flagpoll firmware took the console is flashed again: flash sends a Ctrl-C first, which gives Lua back', T, async () => {
  const b = await ptyBoard({ init: initLua('nm000011', takesConsole('nm000011')) });
  try {
    const r = await flagpoll('flash', initLua('nm000012'), '--board', 'nodemcu-esp8266', '--port', b.pty.path);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /the board reports FLAGPOLL_BUILD = "nm000012"\n$/);
  } finally {
    await b.stop();
  }
});

test('the built uart-echo is flashed and confirmed by its console line, echoes over the pty, and a Ctrl-C gives Lua back', T, async () => {
  const b = await ptyBoard();
  try {
    const r = await flagpoll('flash', 'examples/uart-echo.ts', '--board', 'nodemcu-esp8266', '--port', b.pty.path);
    assert.equal(r.code, 0, r.stderr);
    const id = /^flashed build (\w+) to nodemcu-esp8266 on .*: the firmware printed its build id "\1" as it took the console \(uart0\)\n$/.exec(r.stdout)?.[1];
    assert.ok(id !== undefined, r.stdout);
    const { heard, until } = listen(b);
    b.live!.input(Buffer.from('hi\r\n'));
    assert.equal(await until('hi\r\n'), 'echo: hi\r\n');
    heard.text = '';
    b.live!.input(Buffer.from('\x03'));
    await sleep(100);
    b.live!.input(Buffer.from('print(FLAGPOLL_BUILD)\n'));
    assert.equal(await until('\r\n> '), `print(FLAGPOLL_BUILD)\r\n${id}\r\n> `);
  } finally {
    await b.stop();
  }
});
