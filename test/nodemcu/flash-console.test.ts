// The emulated NodeMCU board that uploads go to (src/emulator/nodemcu-live.ts
// and nodemcu/console.lua, file.lua): its console answers byte for byte as
// NodeMCU's does (echo, CR LF, prompts, "=stdin" errors), its files live in
// a folder, and node.restart() boots it again into init.lua, in real time.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBoard } from '../../src/boards/load.ts';
import { NodemcuLiveBoard } from '../../src/emulator/nodemcu-live.ts';
import { dir } from './flash-helpers.ts';
import { skipWithoutLua } from '../lua/helpers.ts';

const T = { timeout: 20_000, skip: skipWithoutLua('5.1') ?? skipWithoutLua('5.3') };
const BANNER = '\r\nNodeMCU 3.0.0.0 (flagpoll emulator, ESP8266)\r\n\tmodules: bit,file,gpio,node,tmr,uart\r\n build powered by Lua 5.1.4\r\n';

/** A live ESP8266 board on a fresh folder (with `init` as init.lua, if given), and what it sends. */
function board(init?: string) {
  const fsDir = mkdtempSync(join(dir, 'console-'));
  if (init !== undefined) writeFileSync(join(fsDir, 'init.lua'), init);
  const live = new NodemcuLiveBoard({ board: loadBoard('nodemcu-esp8266'), fsDir });
  const out = { text: '' };
  live.onOutput((b) => (out.text += b.toString('latin1')));
  return { live, fsDir, out };
}

/** Type `text`, then wait until the board's output ends with `end` (a prompt); answers what came since. */
async function say(b: ReturnType<typeof board>, text: string, end = '> '): Promise<string> {
  const from = b.out.text.length;
  b.live.input(Buffer.from(text, 'latin1'));
  for (let i = 0; i < 300; i++) {
    b.live.pump();
    const got = b.out.text.slice(from);
    if (got.endsWith(end) && got.length > 0) return got;
    await new Promise((r) => setTimeout(r, 10));
  }
  return b.out.text.slice(from);
}

test('the console echoes each byte, runs each line, prints results and errors, and waits behind ">> " for the rest of a chunk', T, async () => {
  const b = board();
  try {
    assert.equal(await say(b, ''), `${BANNER}lua: cannot open init.lua\r\n> `);
    assert.equal(await say(b, 'print(1+1)\r\n'), 'print(1+1)\r\n2\r\n> ');
    assert.equal(await say(b, '=2*3, "x"\n'), '=2*3, "x"\r\n6\tx\r\n> ');
    assert.equal(await say(b, 'for i=1,2 do\n', '>> '), 'for i=1,2 do\r\n>> ');
    assert.equal(await say(b, 'print(i) end\n'), 'print(i) end\r\n1\r\n2\r\n> ');
    assert.equal(await say(b, 'nosuch()\n'), "nosuch()\r\nstdin:1: attempt to call global 'nosuch' (a nil value)\r\n> ");
    assert.equal(await say(b, 'prinx\x7ft("bs")\n'), 'prinx\b \bt("bs")\r\nbs\r\n> ');
    assert.equal(await say(b, '\n'), '\r\n> ');
  } finally {
    b.live.stop();
  }
});

test('file writes land in the board folder, and file.list, fsinfo, getcontents, rename and remove answer as NodeMCU documents', T, async () => {
  const b = board();
  try {
    await say(b, '');
    assert.match(await say(b, 'f = file.open("a.txt", "w+") f:write("hi ") f:writeline("there") f:close()\n'), /\r\n> $/);
    assert.equal(readFileSync(join(b.fsDir, 'a.txt'), 'latin1'), 'hi there\n');
    assert.equal(await say(b, 'print(file.list()["a.txt"], file.exists("a.txt"), file.getcontents("a.txt"))\n'), 'print(file.list()["a.txt"], file.exists("a.txt"), file.getcontents("a.txt"))\r\n9\ttrue\thi there\r\n\r\n> ');
    assert.match(await say(b, 'print(file.fsinfo())\n'), /\r\n(\d+)\t9\t(\d+)\r\n> $/);
    assert.equal(await say(b, 'print(file.rename("a.txt", "b.txt"), file.exists("a.txt")) file.remove("b.txt") print(file.exists("b.txt"))\n').then((s) => s.split('\r\n').slice(1).join('|')), 'true\tfalse|false|> ');
    assert.match(await say(b, 'file.open("a/b", "w")\n'), /stdin:1: bad argument #1 to 'open' \(filename invalid\)\r\n> $/);
  } finally {
    b.live.stop();
  }
});

test('node.restart() boots again: the banner, init.lua from the folder, then the prompt; a syntax error in init.lua is printed as NodeMCU 3.0 does and the prompt still comes', T, async () => {
  const b = board('print("init ran")\n');
  try {
    await say(b, '');
    assert.equal(b.out.text, `${BANNER}init ran\r\n> `);
    assert.equal(await say(b, 'file.putcontents("init.lua", "x = = 1")\n'), 'file.putcontents("init.lua", "x = = 1")\r\n> ');
    assert.equal(await say(b, 'node.restart()\n'), `node.restart()\r\n${BANNER}init.lua:1: unexpected symbol near '='\r\n> `);
    assert.equal(b.live.restarts, 1);
  } finally {
    b.live.stop();
  }
});

/** Wait until the board's output includes `text` (up to `ms`). */
async function heard(b: ReturnType<typeof board>, text: string, ms: number): Promise<void> {
  for (let i = 0; i < ms / 10 && !b.out.text.includes(text); i++) {
    b.live.pump();
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('a runtime error in init.lua itself is printed with its traceback and the prompt comes; the board does not restart', T, async () => {
  const b = board('print("a")\nerror("bad")\n');
  try {
    await say(b, '');
    assert.match(b.out.text, /a\r\ninit\.lua:2: bad\r\nstack traceback:\r\n[\s\S]*init\.lua:2: in main chunk[\s\S]*\r\n> $/);
    await new Promise((r) => setTimeout(r, 300));
    b.live.pump();
    assert.equal(b.live.restarts, 0);
  } finally {
    b.live.stop();
  }
});

test('an error no one catches in a firmware callback is printed, the firmware runs on, and the board restarts 2 s later', T, async () => {
  const b = board('if file.exists("crashed") then print("second boot") else\n' +
    'file.putcontents("crashed", "") tmr.create():alarm(300, tmr.ALARM_AUTO, function() print("tick") end)\n' +
    'tmr.create():alarm(50, tmr.ALARM_SINGLE, function() error("boom") end) end\n');
  try {
    await say(b, '');
    await heard(b, 'second boot', 4000);
    assert.equal(b.live.restarts, 1);
    const boot = BANNER.replace(/[.()]/g, '\\$&');
    assert.match(b.out.text, new RegExp(`^${boot}> init\\.lua:3: boom\\r\\nstack traceback:[\\s\\S]*?\\r\\n(tick\\r\\n){5,7}${boot}second boot\\r\\n> $`));
  } finally {
    b.live.stop();
  }
});

test('with node.setonerror(fn), an uncaught error goes to fn and the board does not restart', T, async () => {
  const b = board('node.setonerror(function(s) print("handled: " .. s:match("^[^\\n]*")) end)\n' +
    'tmr.create():alarm(50, tmr.ALARM_SINGLE, function() error("boom") end)\n');
  try {
    await say(b, '');
    await heard(b, 'handled', 2000);
    await new Promise((r) => setTimeout(r, 2500));
    b.live.pump();
    assert.equal(b.out.text.slice(b.out.text.indexOf('> ')), '> handled: init.lua:2: boom\r\n');
    assert.equal(b.live.restarts, 0);
  } finally {
    b.live.stop();
  }
});

test('firmware that calls uart.on("data", ..., 0) takes the console: lines go to it, not to Lua', T, async () => {
  const b = board('uart.setup(0, 115200, 8, 0, 1, 0)\nuart.on("data", "\\n", function(l) uart.write(0, "got " .. l) end, 0)\n');
  try {
    await say(b, '');
    assert.equal(await say(b, 'print(1)\n', '\n'), 'got print(1)\n');
  } finally {
    b.live.stop();
  }
});
