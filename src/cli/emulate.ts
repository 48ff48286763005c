// `flagpoll emulate <entry.ts> --board <id>`: firmware on a simulated board.
//
// The entry's default export `(dev: Device) => void` is started on a
// TestBoard for the board, in virtual time. With `--scenario` the scenario's
// steps are played and each is printed as it holds or fails (exit 0 only when
// all hold). Without, the board runs to `--until` and what it did comes out
// in time order: every level its output pins were driven to, and every line
// its UARTs sent, stamped with the time the line's last byte went out.
//
// `flagpoll emulate <dir>/app.js --board espruino-pico` runs built Espruino
// firmware instead, in an EspruinoSandbox (src/emulator/espruino-board.ts):
// same scenarios, same output, plus what the firmware printed on its console.
// A .js entry is taken as built firmware when it is a plain script; an ES
// module (firmware written in JavaScript, with its default export) runs as
// a .ts entry does.
//
// `flagpoll emulate <dir>/init.lua --board nodemcu-esp8266` runs built
// NodeMCU firmware in a real Lua VM (the board's lua5.1 or lua5.3) with
// NodeMCU's modules modelled on the same simulated board
// (src/emulator/nodemcu-board.ts): same scenarios, same output; what the
// firmware printed shows on the console, as on the chip, and an uncaught Lua
// error is a report with its traceback.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'acorn';
import type { Board } from '../boards/board.ts';
import { BoardError, loadBoard } from '../boards/load.ts';
import { FlagpollError } from '../core/errors.ts';
import type { Firmware } from '../device.ts';
import { espruinoTestBoard } from '../emulator/espruino-board.ts';
import { nodemcuTestBoard } from '../emulator/nodemcu-board.ts';
import { emulatedBoard, loadScenario, runScenario, ScenarioError, showTime } from '../emulator/scenario.ts';
import type { Scenario, StepResult } from '../emulator/scenario.ts';
import { escapeText } from '../emulator/scenario-step.ts';
import type { TestBoard } from '../emulator/test-board.ts';
import { UsageError } from './args.ts';

export interface EmulateOptions {
  board: string;
  scenario?: string;
  untilMs: number;
  write: (line: string) => void;
}

export async function emulate(entry: string, o: EmulateOptions): Promise<number> {
  const board = userError(() => loadBoard(o.board));
  if (isBuiltApp(entry)) return emulateBuilt(entry, board, o);
  if (entry.endsWith('.lua')) return emulateLua(entry, board, o);
  const firmware = await loadFirmware(entry);
  const scenario = o.scenario === undefined ? null : userError(() => loadScenario(o.scenario!, o.board));
  const tb = userError(() => emulatedBoard(board, firmware), `${entry}: `);
  if (scenario !== null) return playSteps(tb, scenario, entry, o.write);
  const rt = tb.dev.rt;
  return runFree(tb, o, () => [], () => `${rt.executor.tasks} task(s) alive of ${rt.executor.capacity}, ${rt.timers.armed} timer(s) armed`);
}

/** A .js file that is a plain script, not an ES module: what `flagpoll build` writes. */
function isBuiltApp(entry: string): boolean {
  if (!entry.endsWith('.js')) return false;
  if (!existsSync(entry)) return true; // emulateBuilt names it
  const text = readFileSync(entry, 'utf8');
  const parses = (sourceType: 'script' | 'module') => {
    try {
      parse(text, { ecmaVersion: 'latest', sourceType });
      return true;
    } catch {
      return false;
    }
  };
  // Neither parses: built firmware with a syntax error, which the sandbox reports as the board would.
  return parses('script') || !parses('module');
}

/** Built firmware (`flagpoll build`'s app.js) in the Espruino sandbox. */
function emulateBuilt(entry: string, board: Board, o: EmulateOptions): number {
  if (!existsSync(entry)) throw new UsageError(`${entry}: no such file`);
  if (board.target !== 'espruino') throw new UsageError(`${entry}: built firmware runs on Espruino boards; ${board.id} is a ${board.target} board (\`flagpoll boards\` lists them)`);
  const scenario = o.scenario === undefined ? null : userError(() => loadScenario(o.scenario!, o.board));
  const tb = espruinoTestBoard(entry, board, { record: true, trace: false });
  if (scenario !== null) return playSteps(tb, scenario, entry, o.write);
  const sb = tb.sandbox;
  const status = () => {
    const s = sb.stats();
    const m = sb.memory();
    return `${s.timers} timer(s), ${s.watches} watch(es) in the sandbox, process.memory().usage ${m.usage} of ${m.total}`;
  };
  const printed = () => sb.log.map((l) => ({ t: l.t, text: `log: ${escapeText(l.text)}` }));
  return runFree(tb, o, printed, status);
}

/** Built NodeMCU firmware (`flagpoll build`'s init.lua) in a Lua VM. */
function emulateLua(entry: string, board: Board, o: EmulateOptions): number {
  if (!existsSync(entry)) throw new UsageError(`${entry}: no such file`);
  if (board.target !== 'nodemcu') throw new UsageError(`${entry}: built Lua firmware runs on NodeMCU boards; ${board.id} is a ${board.target} board (\`flagpoll boards\` lists them)`);
  const scenario = o.scenario === undefined ? null : userError(() => loadScenario(o.scenario!, o.board));
  const tb = nodemcuTestBoard(entry, board, { record: true });
  try {
    if (scenario !== null) return playSteps(tb, scenario, entry, o.write);
    const fw = tb.firmware;
    const errors = () => fw.errors.flatMap((e) => e.text.split('\n').map((l, i) => ({ t: e.t, text: i === 0 ? `Lua error: ${l}` : `  ${l.trim()}` })));
    return runFree(tb, o, errors, () => `Lua ${fw.version}, firmware ${fw.stopped ? 'stopped' : 'running'}`);
  } finally {
    tb.close();
  }
}

/** The entry's default export, or a usage error naming the file. */
async function loadFirmware(entry: string): Promise<Firmware> {
  const file = resolve(entry);
  if (!existsSync(file)) throw new UsageError(`${entry}: no such file`);
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (typeof mod.default !== 'function') {
    throw new UsageError(`${entry}: has no default export; firmware for \`flagpoll emulate\` must \`export default function (dev: Device) { ... }\``);
  }
  return mod.default as Firmware;
}

/** Board, scenario and start-up errors are the user's to fix: printed as they are, without a stack. */
function userError<T>(fn: () => T, prefix = ''): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof BoardError || e instanceof ScenarioError || e instanceof FlagpollError) throw new UsageError(prefix + e.message);
    throw e;
  }
}

function playSteps(tb: TestBoard, sc: Scenario, entry: string, write: (line: string) => void): number {
  const width = String(sc.steps.length).length;
  write(`scenario ${sc.file}${sc.name === null ? '' : ` "${sc.name}"`}: ${entry} on ${sc.board.id}`);
  const line = (r: StepResult) => `${r.ok ? '  ok  ' : 'FAIL  '}${String(r.n).padStart(width)} ${r.label} @ ${showTime(r.t)}`;
  const result = runScenario(tb, sc, (r) => {
    write(line(r));
    if (r.message !== undefined) write(`${' '.repeat(6 + width)} ${r.message}`);
  });
  const last = result.steps[result.steps.length - 1]!;
  write(result.ok
    ? `passed: ${sc.steps.length} step(s) in ${showTime(last.t)} of virtual time`
    : `FAILED at step ${last.n} of ${sc.steps.length} (${sc.file}:${last.line})`);
  return result.ok ? 0 : 1;
}

interface Event {
  t: number;
  text: string;
}

function stamp(ms: number): string {
  return `[${(ms / 1000).toFixed(3).padStart(8)} s]`;
}

/** Run to `untilMs` event by event, noting each UART line as its last byte goes out; then print all in time order, with `others`. */
function runFree(tb: TestBoard, o: EmulateOptions, others: () => Event[], status: () => string): number {
  const b = tb.board;
  const uarts = Object.keys(b.uarts).map((id) => ({ id, name: id === b.console ? 'console' : id, taken: 0, line: '' }));
  const events: Event[] = [];
  const scan = () => {
    for (const u of uarts) {
      const out = tb.sim.transmitted(u.id);
      for (; u.taken < out.length; u.taken++) {
        const ch = out[u.taken]!;
        if (ch !== '\n') u.line += ch;
        else {
          events.push({ t: tb.now, text: `${u.name} < ${escapeText(u.line.endsWith('\r') ? u.line.slice(0, -1) : u.line)}` });
          u.line = '';
        }
      }
    }
  };
  for (let n = tb.sim.nextEvent(); n <= o.untilMs; n = tb.sim.nextEvent()) {
    tb.advanceTo(Math.max(n, tb.now));
    scan();
  }
  tb.advanceTo(o.untilMs);
  scan();
  for (const u of uarts) if (u.line !== '') events.push({ t: tb.now, text: `${u.name} < ${escapeText(u.line)} (no line end yet)` });
  const pins = outputPins(b, tb).flatMap(({ label, ref }) => tb.sim.pinHistory(ref).map((c) => ({ t: c.t, text: `${label} = ${c.level}` })));
  // Stable sort: at one instant, pin changes first, then lines, each in the order they happened.
  for (const e of [...pins, ...events, ...others()].sort((x, y) => x.t - y.t)) o.write(`${stamp(e.t)} ${e.text}`);
  o.write(`${stamp(tb.now)} stopped: ${status()}`);
  for (const r of tb.sim.reports) o.write(`report: ${r.message}`);
  return tb.sim.reports.length === 0 ? 0 : 1;
}

/** Each pin the firmware drives, once, named by its LED when it has one: "LED1 (B2)", else "B3". */
function outputPins(b: Board, tb: TestBoard): { label: string; ref: string | number }[] {
  const seen = new Set<string>();
  const out: { label: string; ref: string | number }[] = [];
  for (const [key, pin] of Object.entries(b.pins)) {
    if (seen.has(String(pin.pin)) || tb.sim.pinMode(pin.pin) !== 'output') continue;
    seen.add(String(pin.pin));
    const led = Object.keys(b.leds).find((l) => b.leds[l]!.pin === key);
    out.push({ label: led === undefined ? key : `${led} (${key})`, ref: pin.pin });
  }
  return out;
}
