// `flagpoll flash`: put a built init.lua on a NodeMCU board and prove it took.
//
//   (1) read init.lua and its build id ─▶ (2) check the port ─▶ (3) open it, echo check
//        │ (builds a .ts first)                                  │ nothing at the prompt ─▶ refused
//   (4) the board's chip and Lua ≠ the board file's ─▶ refused (unless --force)
//   (5) upload as init.lua with nodemcu-tool, progress on stderr
//        │ port closed, or no prompt for a while ─▶ FAILED
//   (6) size and Adler-32 of init.lua computed on the board ≠ the build's ─▶ FAILED
//   (7) node.restart(), wait for the boot's prompt; show errors it printed
//   (8) the firmware took the console: it printed "flagpoll build <id>: uart0
//        is the firmware's input now" first (src/targets/nodemcu/hal.ts), in
//        init.lua or after the prompt: that id equal to the build id ─▶ done;
//        another ─▶ FAILED
//   (9) else ask FLAGPOLL_BUILD: equal ─▶ done; another ─▶ FAILED; no answer
//        within 3 s and no such line either ─▶ FAILED (never "done" unconfirmed)
//
// A lost port anywhere after (5) began is a failure, never "done".

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Board } from '../src/boards/board.ts';
import { checkPort, parsePort } from './port.ts';
import { LinkClosed, NoAnswer, NodemcuLink } from './nodemcu-link.ts';
import { adler32, initLuaFor } from './nodemcu-init.ts';
import { CONSOLE_TAKEN } from '../src/targets/console-taken.ts';
import type { InitLua } from './nodemcu-init.ts';
import { confirmedWithin, FlashFailed, FlashRefused, stopped } from './refusal.ts';

export interface NodemcuFlashOptions {
  /** init.lua (built) or an entry .ts (built first). */
  input: string;
  board: Board;
  port: string;
  force?: boolean;
  /** Progress and refusals (stderr). */
  note: (line: string) => void;
  /** The result line (stdout). */
  done: (line: string) => void;
  /** nodemcu-tool's own log lines, for --verbose. */
  verbose?: (line: string) => void;
  /** Give up on the whole flash after this long (default 120 s). */
  timeoutMs?: number;
}

/** A Lua line for the prompt (under NodeMCU's 256-byte line): init.lua's Adler-32, as a decimal number. */
const ADLER_ON_BOARD = 'local f,a,b=file.open("init.lua","r"),1,0 if f then while true do local s=f:read(256) if not s then break end ' +
  'for i=1,#s do a=(a+s:byte(i))%65521 b=(b+a)%65521 end end f:close() end print(b*65536+a)';

/** Runs the flash; resolves with the exit status: 0 confirmed, 1 refused or failed. */
export async function flashNodemcu(o: NodemcuFlashOptions): Promise<number> {
  let link: NodemcuLink | null = null;
  const local = mkdtempSync(join(tmpdir(), 'flagpoll-nodemcu-'));
  try {
    const init = await initLuaFor(o.input, o.board, local);
    if (init.builtFor !== o.board.id && !o.force) {
      throw new FlashRefused(`${basename(init.file)} was built for ${init.builtFor}, not ${o.board.id}; build it for ${o.board.id}, or --force`);
    }
    const port = parsePort(o.port);
    if (port.kind !== 'serial') {
      throw new FlashRefused(`--port ${o.port}: a NodeMCU board takes uploads on its serial port; give its path (/dev/ttyUSB0), or the pty of \`flagpoll emulate --board ${o.board.id} --listen pty:<path>\``);
    }
    checkPort(port);
    o.note(`flash: ${basename(init.file)} (build ${init.buildId} for ${init.builtFor}, ${init.code.length} bytes) -> ${port.text}`);
    o.done(await confirmedWithin(steps(init, port.text, o, (l) => (link = l)), o.timeoutMs ?? 120_000));
    return 0;
  } catch (e) {
    return stopped(e, o.note);
  } finally {
    await (link as NodemcuLink | null)?.close();
    rmSync(local, { recursive: true, force: true });
  }
}

async function steps(init: InitLua, port: string, o: NodemcuFlashOptions, opened: (l: NodemcuLink) => void): Promise<string> {
  const conn = await NodemcuLink.open(port, { verbose: o.verbose }).catch((e: unknown) => {
    if (e instanceof NoAnswer) {
      throw new FlashRefused(`${port} opened, but nothing answered at the NodeMCU prompt within about 2 s, even after a Ctrl-C (is the board powered and at its Lua prompt, at 115200 baud? ` +
        'if firmware on it reads the console and does not give it back on Ctrl-C, reset the board and remove init.lua first)');
    }
    throw e instanceof LinkClosed ? new FlashRefused(e.message) : e;
  });
  const { link, info } = conn;
  opened(link);
  const refuse = (e: unknown): never => {
    throw e instanceof Error ? new FlashRefused(`${e.message} before the upload began`) : e;
  };
  // nodemcu-tool's summary: "Arch: esp8266 | Version: 3.0.0 | ChipID: 0x1623a8 | FlashID: 0x1640ef" (Version "unknown" on an ESP32).
  const field = (name: string) => new RegExp(`${name}: ([^|]+?)(?: \\||$)`).exec(info)?.[1] ?? 'unknown';
  const chip = field('Arch');
  const version = field('Version');
  const lua = (await link.run('print(_VERSION)').catch(refuse)).trim();
  o.note(`flash: the board answers ${chip.toUpperCase()}, NodeMCU ${version === 'unknown' ? '(version not reported)' : version}, chip id ${field('ChipID')}, ${lua}`);
  const wantChip = o.board.lua === '5.3' ? 'esp32' : 'esp8266';
  const wantLua = `Lua ${o.board.lua}`;
  if (chip !== wantChip || lua !== wantLua) {
    const why = `the board on ${port} is an ${chip.toUpperCase()} with ${lua}, but ${o.board.id} is an ${wantChip.toUpperCase()} with ${wantLua}`;
    if (!o.force) throw new FlashRefused(`${why}; check --port and --board, or --force to upload anyway`);
    o.note(`flash: --force: uploading although ${why}`);
  }

  let sent = 0;
  const size = init.code.length;
  // From here on a lost port, a silence or an error of the client is a failed upload, whatever step it interrupts.
  const failed = (when: string) => (e: unknown): never => {
    if (!(e instanceof Error)) throw e;
    // nodemcu-tool's own errors ("cannot write chunk to remote file") may come before the port's 'close': say what happened.
    const why = e instanceof LinkClosed || e instanceof NoAnswer || existsSync(port) ? e.message : `${port} went away (nodemcu-tool: ${e.message})`;
    throw new FlashFailed(`${why} ${when}, after ${sent} of ${size} bytes were sent: init.lua on the board is not confirmed and may be cut short; flash again`);
  };
  let shown = -1;
  await link.upload(init.file, 'init.lua', (n, total) => {
    sent = total === 0 ? size : Math.floor((n * size) / total);
    const pct = total === 0 ? 100 : Math.floor((100 * n) / total);
    if (pct >= shown + 10 || (pct === 100 && shown < 100)) {
      shown = pct;
      o.note(`flash: sent ${sent}/${size} bytes (${pct}%)`);
    }
  }, 10_000).catch(failed('during the upload'));

  const boardSize = Number((await link.run('print(file.list()["init.lua"])').catch(failed('while checking the size'))).trim());
  const boardSum = Number((await link.run(ADLER_ON_BOARD, 20_000).catch(failed('while checking the content'))).trim());
  const sum = adler32(init.code);
  if (boardSize !== size || boardSum !== sum) {
    throw new FlashFailed(`init.lua on the board is ${boardSize} bytes with Adler-32 ${hex(boardSum)}, the build is ${size} bytes with ${hex(sum)}: it did not arrive intact; flash again`);
  }
  o.note(`flash: init.lua on the board: ${boardSize} bytes, Adler-32 ${hex(sum)}, as built`);

  const since = link.heard.length;
  const boot = await link.run('node.restart()', 15_000).catch(failed('while restarting'));
  o.note('flash: restarted with node.restart()');
  // NodeMCU 3.0 prints an error in init.lua as "init.lua:<line>: ..." (older firmware: "lua: init.lua:...").
  for (const l of boot.split(/\r?\n/)) if (/^(lua: |PANIC|init\.lua:\d+: |flagpoll: |flagpoll E\d)/.test(l.trim())) o.note(`flash: the board printed: ${l.trim()}`);
  const where = `${init.buildId} to ${o.board.id} on ${port}`;
  const verified = 'init.lua was verified on the board, but after the restart';
  // A firmware that takes the console says so first: in init.lua (before the prompt) or from its first task (just after).
  let took = await link.awaitLine(CONSOLE_TAKEN, since, 0);
  if (took === null) {
    const answer = await link.run('print(FLAGPOLL_BUILD)', 3_000).catch((e: unknown) => {
      if (e instanceof NoAnswer) return null;
      return failed('before confirming the build id')(e);
    });
    if (answer !== null) {
      if (answer.trim() !== init.buildId) {
        throw new FlashFailed(`${verified} it reports FLAGPOLL_BUILD = ${answer.trim() || '(nothing)'}, not "${init.buildId}": the firmware did not start`);
      }
      return `flashed build ${where}: the board reports FLAGPOLL_BUILD = "${init.buildId}"`;
    }
    took = await link.awaitLine(CONSOLE_TAKEN, since, 0);
  }
  if (took === null) {
    throw new FlashFailed(`${verified} it neither printed "flagpoll build <id>" nor answered print(FLAGPOLL_BUILD) within 3 s: ` +
      'the build is not confirmed (a firmware that takes the console must print its build id first)');
  }
  const [, got, device] = took;
  if (got !== init.buildId) throw new FlashFailed(`${verified} the firmware that took the console says it is build ${got}, not "${init.buildId}": the firmware did not start`);
  o.note(`flash: the firmware reads ${device}, the board's console: Lua no longer answers there; Ctrl-C on ${device} gives it back`);
  return `flashed build ${where}: the firmware printed its build id "${got}" as it took the console (${device})`;
}

function hex(n: number): string {
  return Number.isFinite(n) ? `0x${n.toString(16).padStart(8, '0')}` : String(n);
}
