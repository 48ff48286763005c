// `flagpoll flash`: put a built app on an Espruino board and prove it took.
//
//   (1) read app.js and its build id ─▶ (2) check the port ─▶ (3) connect
//        │ (builds a .ts first)                                  │
//   (4) ask process.env: no answer ─▶ refused                   ▼
//        │ BOARD ≠ the board file's espruinoBoard ─▶ refused (unless --force)
//   (5) upload to Storage in 1 KB chunks (reset(), then the writes), progress on stderr, then
//        load("flagpoll.js"), or with --save load() of .bootcde, which the board also runs at every boot
//        │ connection closed before the last byte ─▶ FAILED
//   (6) the firmware took the console (it printed "flagpoll build <id>: USB is the firmware's input now"):
//        │ that id is the answer ─▶ done
//   (7) ask FLAGPOLL_BUILD: equal to the build id ─▶ done; else ─▶ FAILED
//
// Storage, not the REPL: sent through the REPL, app.js is one statement the
// board holds as text while it runs, more JsVars than a Pico has (the build
// prints both figures).
//
// A connection lost anywhere after (5) began is a failure, never "done":
// the only success is the board itself answering the build id.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Board } from '../src/boards/board.ts';
import { appFor } from './app-file.ts';
import { CONSOLE_TAKEN } from '../src/targets/console-taken.ts';
import type { App } from './app-file.ts';
import { espruino } from './espruino-api.ts';
import { EspruinoLink, LinkClosed } from './espruino-link.ts';
import { checkPort, parsePort } from './port.ts';
import type { Port } from './port.ts';
import { confirmedWithin, FlashFailed, FlashRefused, stopped } from './refusal.ts';

export interface FlashOptions {
  /** app.js (built) or an entry .ts (built first). */
  input: string;
  board: Board;
  port: string;
  save?: boolean;
  force?: boolean;
  /** Progress and refusals (stderr). */
  note: (line: string) => void;
  /** The result line (stdout). */
  done: (line: string) => void;
  /** EspruinoTools' own log lines, for --verbose. */
  verbose?: (line: string) => void;
  /** Give up on the whole flash after this long (default 60 s). */
  timeoutMs?: number;
}

export { FlashFailed, FlashRefused } from './refusal.ts';

/** Runs the flash; resolves with the exit status: 0 confirmed, 1 refused or failed. */
export async function flash(o: FlashOptions): Promise<number> {
  const espruinoBoard = o.board.espruinoBoard;
  let link: EspruinoLink | null = null;
  const local = mkdtempSync(join(tmpdir(), 'flagpoll-espruino-'));
  const guard = (e: unknown) => o.verbose?.(`EspruinoTools: ${e instanceof Error ? e.message : String(e)}`);
  process.on('uncaughtException', guard).on('unhandledRejection', guard);
  try {
    if (espruinoBoard === undefined) throw new FlashRefused(`${o.board.id} is a ${o.board.target} board; flagpoll flash uploads to Espruino boards`);
    const app = await appFor(o.input, o.board, local);
    if (app.builtFor !== o.board.id && !o.force) {
      throw new FlashRefused(`${basename(app.file)} was built for ${app.builtFor}, not ${o.board.id}; build it for ${o.board.id}, or --force`);
    }
    const port = parsePort(o.port);
    checkPort(port);
    o.note(`flash: ${basename(app.file)} (build ${app.buildId} for ${app.builtFor}, ${app.code.length} bytes) -> ${port.text}`);
    o.done(await confirmedWithin(steps(app, port, o, local, (l) => (link = l)), o.timeoutMs ?? 60_000));
    return 0;
  } catch (e) {
    return stopped(e, o.note);
  } finally {
    (link as EspruinoLink | null)?.close();
    rmSync(local, { recursive: true, force: true });
    process.off('uncaughtException', guard).off('unhandledRejection', guard);
  }
}

async function steps(app: App, port: Port, o: FlashOptions, local: string, opened: (l: EspruinoLink) => void): Promise<string> {
  const link = await EspruinoLink.open(port.text, { localDir: local, verbose: o.verbose }).catch((e: unknown) => {
    throw e instanceof LinkClosed ? new FlashRefused(e.message) : e;
  });
  opened(link);
  const env = await link.env().catch(refuseOnClose);
  if (env === undefined) {
    throw new FlashRefused(`${port.text} accepted the connection but nothing answered: no Espruino prompt or process.env within about 3 s (is this the board's console? is another program using it?)`);
  }
  const answered = String(env.BOARD);
  o.note(`flash: the board answers ${answered}, Espruino ${String(env.VERSION)}`);
  if (answered !== o.board.espruinoBoard) {
    if (!o.force) {
      throw new FlashRefused(`the board on ${port.text} is ${answered}, but ${o.board.id} is ${o.board.espruinoBoard}; check --port and --board, or --force to upload anyway`);
    }
    o.note(`flash: --force: uploading to ${answered} although ${o.board.id} is ${o.board.espruinoBoard}`);
  }
  learnEnv(env);

  let sent = 0;
  let total = 0;
  let shown = -1;
  // From here on a lost connection is a failed upload, whatever step it interrupts.
  const failed = (when: string) => (e: unknown): never => {
    if (!(e instanceof LinkClosed)) throw e;
    throw new FlashFailed(`${e.message} ${when}, after ${sent} of ${total || app.code.length} bytes were written: the upload is not confirmed and the board may hold part of it; flash again`);
  };
  await link.upload(app.code, o.save ? '.bootcde' : RUN_FILE, (n, t) => {
    sent = n;
    total = t;
    const pct = Math.floor((100 * n) / t);
    if (pct >= shown + 10 || (n === t && shown < 100)) {
      shown = pct;
      o.note(`flash: sent ${n}/${t} bytes (${pct}%)`);
    }
  }).catch(failed('during the upload'));
  // Firmware that reads the console UART moves the REPL off it just after it starts, printing its build id first
  // (src/targets/espruino/hal.ts): that line is the confirmation, as nothing answers a query on the console any more.
  const took = await link.awaitLine(CONSOLE_TAKEN, 300, 3000).catch(failed('before confirming the build id'));
  const saved = o.save ? ' and saved it (.bootcde: it runs at every boot)' : '';
  if (took !== null) return tookConsole(app, took, link, o, `${answered} on ${port.text}`, saved);
  const answer = await link.expression('typeof FLAGPOLL_BUILD=="undefined"?null:FLAGPOLL_BUILD').catch(failed('before confirming the build id'));
  // Errors the app printed as it started: the upload took, but the firmware may not be running.
  for (const l of link.takeHeard()) if (/^(Uncaught |flagpoll: |ERROR|WARNING)/.test(l)) o.note(`flash: the board printed: ${l}`);
  const got = parse(answer);
  if (got !== app.buildId) {
    throw new FlashFailed(`the upload was sent, but the board reports FLAGPOLL_BUILD = ${answer === undefined ? '(no answer)' : answer.trim()}, not "${app.buildId}": it did not take`);
  }
  return `flashed build ${app.buildId} to ${answered} on ${port.text}${saved}: the board reports FLAGPOLL_BUILD = "${got}"`;
}

/** The Storage file a flash without --save runs (with --save: .bootcde). */
const RUN_FILE = 'flagpoll.js';

/** The firmware took the console: confirmed by the line it printed (with --save it takes it again at every boot). */
function tookConsole(app: App, took: RegExpExecArray, link: EspruinoLink, o: FlashOptions, where: string, saved: string): string {
  for (const l of link.takeHeard()) if (/^(Uncaught |flagpoll: |ERROR|WARNING)/.test(l)) o.note(`flash: the board printed: ${l}`);
  const [, got, device] = took;
  if (got !== app.buildId) throw new FlashFailed(`the upload was sent, but the firmware that took the console says it is build ${got}, not "${app.buildId}": it did not take`);
  o.note(`flash: the firmware reads ${device}, the board's console: the REPL is on LoopbackA now; Ctrl-C on ${device} gives it back`);
  return `flashed build ${got} to ${where}${saved}: the firmware printed its build id "${got}" as it took the console (${device})`;
}

/** Tell the library what the board is, as its ENV_ON_CONNECT would (without the board JSON download). */
function learnEnv(env: Record<string, unknown>): void {
  const E = espruino();
  Object.assign(E.Core.Env.getData(), env);
  if (typeof env.VERSION === 'string') {
    E.Core.Env.setFirmwareVersion(env.VERSION);
    // As its versionChecker: USB, Bluetooth and Telnet consoles take fast writes from 1v43 on.
    const v = parseFloat(env.VERSION.replace('v', '.'));
    if (v > 1.43 && ['USB', 'Bluetooth', 'Telnet'].includes(String(env.CONSOLE))) E.Core.Serial.setSlowWrite(false);
  }
}

function parse(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function refuseOnClose(e: unknown): never {
  throw e instanceof LinkClosed ? new FlashRefused(`${e.message} before answering`) : e;
}
