// NodeMCU upload tests' fixtures: init.lua files as `flagpoll build` writes
// them, an emulated NodeMCU board on a socat pseudo-terminal served from this
// process (or a pty where nothing answers), and `flagpoll` run as a child
// process with a time limit (the board it talks to lives in this process, so
// never execFileSync).
//
// They need socat and lua5.1/lua5.3: outside CI a missing one skips the
// tests with the reason; under CI (CI set) nothing is skipped and a missing
// one fails.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBoard } from '../../src/boards/load.ts';
import { openPty } from '../../src/cli/emulate-pty.ts';
import type { Pty } from '../../src/cli/emulate-pty.ts';
import { NodemcuLiveBoard } from '../../src/emulator/nodemcu-live.ts';
import { skipWithoutLua } from '../lua/helpers.ts';
import { node } from '../upload/helpers.ts';
import type { Ran } from '../upload/helpers.ts';

export const dir = mkdtempSync(join(tmpdir(), 'flagpoll-nodemcu-flash-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Why these tests cannot run here, or undefined. */
export function skipWithoutPty(): string | undefined {
  if (process.env.CI) return undefined;
  if (spawnSync('socat', ['-V'], { stdio: 'ignore' }).error !== undefined) return 'socat is not installed (apt-get install socat); CI installs it';
  return skipWithoutLua('5.1') ?? skipWithoutLua('5.3');
}

/** ESP8266 firmware: LED1 (D4) toggled every 100 ms by an AUTO timer. */
export const BLINK = 'gpio.mode(4, gpio.OUTPUT)\nlocal level = 0\ntmr.create():alarm(100, tmr.ALARM_AUTO, function() level = 1 - level gpio.write(4, level) end)\n';

/**
 * ESP8266 firmware that takes the console as flagpoll's does: prints the line
 * with build id `says` first (none when null), turns echo off, answers each
 * line, and gives the console back to Lua on Ctrl-C. `later`: it takes the
 * console from its first task, after the boot's prompt, instead of in init.lua.
 */
export function takesConsole(says: string | null, o: { later?: boolean } = {}): string {
  const line = says === null ? '' : `print("flagpoll build ${says}: uart0 is the firmware's input now; Ctrl-C on uart0 gives it back to Lua")\n`;
  const take = line + 'uart.setup(0, 115200, 8, uart.PARITY_NONE, uart.STOPBITS_1, 0)\n' +
    'uart.on("data", "\\n", function(l)\n' +
    '  if l:find("\\3") then uart.on("data") uart.setup(0, 115200, 8, uart.PARITY_NONE, uart.STOPBITS_1, 1) return end\n' +
    '  uart.write(0, "echo: " .. l:gsub("[\\r\\n]", "") .. "\\r\\n")\nend, 0)\n';
  return o.later ? `node.task.post(0, function()\n${take}end)\n` : take;
}

let files = 0;
/**
 * An init.lua as `flagpoll build` writes it: the build line, FLAGPOLL_BUILD,
 * `body`, and `pad` small functions to make it longer.
 */
export function initLua(buildId: string, body = BLINK, o: { builtFor?: string; pad?: number } = {}): string {
  const lines = [`-- flagpoll build ${buildId} for ${o.builtFor ?? 'nodemcu-esp8266'}`, `FLAGPOLL_BUILD = "${buildId}"`, body];
  for (let i = 0; i < (o.pad ?? 0); i++) lines.push(`local function f${i}(x) return x + ${i} end`);
  const file = join(dir, `init${++files}.lua`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

export interface PtyBoard {
  pty: Pty;
  /** The board's files. */
  fsDir: string;
  /** Null for a silent pty. */
  live: NodemcuLiveBoard | null;
  /** Bytes the client sent so far. */
  received: number;
  stop(): Promise<void>;
}

/**
 * A pty at a fresh path with an emulated `board` behind it; `silent`: nothing
 * answers; `cutAfterBytes`: the pty is closed (socat ended) once the client has
 * sent that many; `corrupt`: one hex digit of the first upload chunk is changed on the way;
 * `init`: the init.lua file the board holds when it powers on.
 */
export async function ptyBoard(o: { board?: string; silent?: boolean; cutAfterBytes?: number; corrupt?: boolean; init?: string } = {}): Promise<PtyBoard> {
  const pty = await openPty(join(mkdtempSync(join(dir, 'pty-')), 'tty'));
  const fsDir = mkdtempSync(join(dir, 'fs-'));
  if (o.init !== undefined) copyFileSync(o.init, join(fsDir, 'init.lua'));
  const live = o.silent ? null : new NodemcuLiveBoard({ board: loadBoard(o.board ?? 'nodemcu-esp8266'), fsDir });
  const pb: PtyBoard = {
    pty,
    fsDir,
    live,
    received: 0,
    stop: async () => {
      live?.stop();
      await pty.close();
    },
  };
  let corrupt = o.corrupt === true;
  pty.onData((b) => {
    pb.received += b.length;
    const at = corrupt ? b.indexOf('__nmtwrite("') : -1;
    if (at >= 0 && at + 12 < b.length) {
      b[at + 12] = b[at + 12] === 0x30 ? 0x31 : 0x30; // a "0" made "1", anything else "0"
      corrupt = false;
    }
    if (o.cutAfterBytes !== undefined && pb.received >= o.cutAfterBytes) void pty.close();
    else live?.input(b);
  });
  live?.onOutput((b) => pty.write(b));
  return pb;
}

/** `flagpoll <args>` through bin/flagpoll.js, for up to a minute. */
export const flagpoll = (...args: string[]): Promise<Ran> => node(['bin/flagpoll.js', ...args], 60_000);
