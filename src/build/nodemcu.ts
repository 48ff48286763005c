// `flagpoll build` for a NodeMCU board: TypeScript firmware in, one init.lua
// out that NodeMCU runs when the board boots.
//
//   entry.ts -> typecheck -> TSTL (Lua 5.1 with `bit`, or 5.3; build flags off) -> trim (lua-bundle.ts)
//            -> enums as numbers (lua-enums.ts) -> shake (lua-shake.ts) -> typed arrays named (lua-typed-arrays.ts)
//            -> trim -> one scope, no require
//            (lua-flatten.ts) -> lualib helper names short (lua-mangle.ts) -> writes of fields no code reads out
//            (lua-unread.ts) -> short field names (lua-mangle.ts)
//            -> a local per class prototype (lua-prototypes.ts) -> squeeze (indentation and comment lines)
//            -> `-- flagpoll build <id> for <board>` + init.lua
//
// The generated entry wraps the firmware the way the Espruino build does:
//
//   import firmware from '<entry.ts>';
//   import { startNodeMCU } from '<repo>/src/targets/nodemcu/main.ts';
//   import { Esp8266Chip as Chip } from '<repo>/src/targets/nodemcu/esp8266.ts';  (esp32.ts's Esp32Chip on 5.3)
//   startNodeMCU(<the board, as data>, firmware, '<build id>', Chip);
//
// and startNodeMCU sets the global FLAGPOLL_BUILD to the id, which the flash
// tool can ask the board for. TSTL's refusals (a construct Lua 5.1 cannot
// express, a number used as a condition) come back as diagnostics on the
// TypeScript line. Nothing is written until every check has passed.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { Board } from '../boards/board.ts';
import { BUILD_ID_PLACEHOLDER, deviceBoard } from './bundle.ts';
import { BuildError } from './diagnostics.ts';
import type { BuildDiagnostic } from './diagnostics.ts';
import { transpileLua } from './lua.ts';
import type { LuaVersion } from './lua.ts';
import { trimBundle } from './lua-bundle.ts';
import { flattenBundle } from './lua-flatten.ts';
import { leanInstanceOf } from './lua-errors.ts';
import { luaKeptNames, mangleLua, mangleLualib } from './lua-mangle.ts';
import { inlineEnums } from './lua-enums.ts';
import { shakeLua } from './lua-shake.ts';
import { localPrototypes } from './lua-prototypes.ts';
import { dropUnreadFields } from './lua-unread.ts';
import { dropUnusedTypedArrays } from './lua-typed-arrays.ts';
import { bytecodeBytes } from './lua-size.ts';
import type { LuaSizeReport } from './lua-size.ts';
import { typecheckFirmware } from './typecheck.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NODEMCU_PLATFORM = path.join(ROOT, 'src/targets/nodemcu/main.ts');
/** Generated entries live here while they compile (the folder is git-ignored). */
const SCRATCH = path.join(ROOT, '.flagpoll');

/** The chip file each Lua's board runs (only that one goes into init.lua), and its class. */
const CHIP_FILE: Record<LuaVersion, string> = { '5.1': 'esp8266.ts', '5.3': 'esp32.ts' };
const CHIP: Record<LuaVersion, string> = { '5.1': 'Esp8266Chip', '5.3': 'Esp32Chip' };

/** The build flags as a NodeMCU build sets them: no message texts (errors print `flagpoll E<code> ...`), no tracing. */
export const LUA_BUILD_FLAGS = { __FLAGPOLL_MESSAGES__: false, __FLAGPOLL_TRACE__: false };

export interface NodeMcuBuildOptions {
  /** Folder init.lua is written to; none: build and check only. */
  out?: string;
  /** `--lua`: must be the board's Lua when given. */
  lua?: string;
  /** Check the size against the board's Lua heap (default true); false reports it without failing. */
  budget?: boolean;
}

export interface NodeMcuBuild {
  code: string;
  buildId: string;
  report: LuaSizeReport;
  /** Paths written, when `out` was given. */
  written: string[];
}

/** Builds `entry` for `board` (a NodeMCU board). Throws BuildError with every diagnostic when it cannot. */
export async function buildNodeMcu(entry: string, board: Board, options: NodeMcuBuildOptions = {}): Promise<NodeMcuBuild> {
  const file = path.resolve(entry);
  if (!existsSync(file)) throw new BuildError([{ code: 'noEntry', file, message: 'no such file' }]);
  const lua = board.lua;
  if (lua === undefined) throw new BuildError([{ code: 'wrongLua', message: `${board.id} is a nodemcu board without \`lua\` in its board file (5.1 or 5.3)` }]);
  if (options.lua !== undefined && options.lua !== lua) {
    throw new BuildError([{ code: 'wrongLua', message: `${board.id} runs Lua ${lua}; --lua ${options.lua} is not a Lua this board has (leave --lua out, or give --lua ${lua})` }]);
  }
  const typeErrors = typecheckFirmware(file, board.id);
  if (typeErrors.length > 0) throw new BuildError(typeErrors);

  const built = compileFirmware(file, board, lua);
  const buildId = createHash('sha256').update(built).digest('hex').slice(0, BUILD_ID_PLACEHOLDER.length);
  const code = `${buildLine(buildId, board.id)}\n${built.split(BUILD_ID_PLACEHOLDER).join(buildId)}`;
  const runtime = runtimeOf(board, lua);
  const report = sizeOf(code, runtime, board, lua, buildId);
  const measured = report.budget_measure === 'bytecode' ? report.bytecode_bytes! : report.bytes;
  if (options.budget !== false && measured > report.budget_bytes) {
    throw new BuildError([{
      code: 'overBudget',
      message: `${board.id} has ${report.budget_bytes} bytes of Lua heap; this init.lua takes ${measured} bytes of ${report.budget_measure} ` +
        `(the runtime ${report.budget_measure === 'bytecode' ? report.runtime_bytecode_bytes : report.runtime_bytes} of them). Make the firmware smaller, or lower \`tasks\`/\`timers\` in the board file.`,
    }]);
  }
  const files = options.out === undefined ? [{ path: 'init.lua', bytes: report.bytes }] : [writeInit(options.out, code)];
  return { code, buildId, report: { ...report, files }, written: options.out === undefined ? [] : files.map((f) => f.path) };
}

/** `-- flagpoll build <id> for <board>`: init.lua's first line. */
export function buildLine(buildId: string, boardId: string): string {
  return `-- flagpoll build ${buildId} for ${boardId}`;
}

/** The firmware `file` wrapped by startNodeMCU, compiled, trimmed and squeezed (the build id still a placeholder). */
function compileFirmware(file: string, board: Board, lua: LuaVersion): string {
  mkdirSync(SCRATCH, { recursive: true });
  const dir = mkdtempSync(path.join(SCRATCH, 'lua-'));
  try {
    const entry = path.join(dir, 'entry.ts');
    const rel = (to: string) => JSON.stringify(path.relative(dir, to).split(path.sep).join('/').replace(/^(?!\.)/, './'));
    writeFileSync(entry, [
      `import firmware from ${rel(file)};`,
      `import { startNodeMCU } from ${rel(NODEMCU_PLATFORM)};`,
      `import { ${CHIP[lua]} as Chip } from ${rel(path.join(ROOT, 'src/targets/nodemcu', CHIP_FILE[lua]))};`,
      `startNodeMCU(${JSON.stringify({ ...deviceBoard(board), lua })} as never, firmware, ${JSON.stringify(BUILD_ID_PLACEHOLDER)}, Chip);`,
      '',
    ].join('\n'));
    const { code, diagnostics } = transpileLua(entry, lua, { flags: LUA_BUILD_FLAGS, alsoFrom: file });
    if (diagnostics.length > 0) throw new BuildError(diagnostics.map((d) => luaDiagnostic(d, lua)));
    const listed = [board.pins, board.leds, board.buttons, board.uarts].flatMap((names) => Object.keys(names));
    return shrinkLua(code, luaKeptNames(entry, listed));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * TSTL's bundle made small, as the build ships it: trimmed, enums as numbers, shaken (again once
 * instanceof is lean), the typed arrays it names, trimmed again, one scope, lualib's helpers short, fields no code reads
 * out, then field names short (`keep`: names that stay, see luaKeptNames), a local per class prototype, squeezed.
 */
export function shrinkLua(code: string, keep: readonly string[]): string {
  // instanceof's Symbol.hasInstance check goes once the shake has taken the lualib features that named Symbol.
  const shaken = dropUnusedTypedArrays(shakeLua(leanInstanceOf(shakeLua(inlineEnums(trimBundle(code))))));
  return squeeze(localPrototypes(mangleLua(dropUnreadFields(mangleLualib(flattenBundle(trimBundle(shaken))), keep), keep)));
}

/** TSTL's or the checker's diagnostic at the TypeScript line it names. */
function luaDiagnostic(d: ts.Diagnostic, lua: LuaVersion): BuildDiagnostic {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  // TSTL numbers its own diagnostics from 100000; below are TypeScript's.
  const code = d.code >= 100000 ? 'luaUnsupported' : 'typeError';
  const message = code === 'luaUnsupported' ? `typescript-to-lua cannot compile this for Lua ${lua}: ${text}` : text;
  if (d.file === undefined || d.start === undefined) return { code, message };
  return { code, file: d.file.fileName, line: d.file.getLineAndCharacterOfPosition(d.start).line + 1, message };
}

/**
 * Leading indentation and whole-line comments out: a third of TSTL's text,
 * which the chip would otherwise read and parse at every boot. Only safe
 * without long strings (`[[ ]]`), whose lines are data; TSTL writes none, and
 * the text is left as it is if one ever appears.
 */
function squeeze(code: string): string {
  if (/\[=*\[/.test(code)) return code;
  return code.split('\n').map((l) => l.trimStart()).filter((l) => l !== '' && !/^--(?!\[)/.test(l)).join('\n') + '\n';
}

const runtimes = new Map<string, { bytes: number; bytecode: number | null }>();

/** The same build with an empty firmware: what the runtime and platform cost any firmware (once per board per process). */
function runtimeOf(board: Board, lua: LuaVersion): { bytes: number; bytecode: number | null } {
  const key = JSON.stringify(deviceBoard(board)) + lua;
  const known = runtimes.get(key);
  if (known !== undefined) return known;
  mkdirSync(SCRATCH, { recursive: true });
  const dir = mkdtempSync(path.join(SCRATCH, 'empty-'));
  try {
    const empty = path.join(dir, 'empty.ts');
    writeFileSync(empty, 'export default function empty(): void {}\n');
    const code = `${buildLine(BUILD_ID_PLACEHOLDER, board.id)}\n${compileFirmware(empty, board, lua)}`;
    const r = { bytes: Buffer.byteLength(code), bytecode: bytecodeBytes(code, lua) };
    runtimes.set(key, r);
    return r;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sizeOf(code: string, runtime: { bytes: number; bytecode: number | null }, board: Board, lua: LuaVersion, buildId: string): LuaSizeReport {
  const bytes = Buffer.byteLength(code);
  const bytecode = bytecodeBytes(code, lua);
  return {
    target: 'nodemcu',
    board: board.id,
    lua,
    build_id: buildId,
    files: [],
    bytes,
    bytecode_bytes: bytecode,
    budget_bytes: board.luaHeapBytes ?? 0,
    budget_measure: bytecode === null ? 'source' : 'bytecode',
    runtime_bytes: runtime.bytes,
    runtime_bytecode_bytes: runtime.bytecode,
    runtime_share: bytecode === null || runtime.bytecode === null ? runtime.bytes / bytes : runtime.bytecode / bytecode,
  };
}

function writeInit(out: string, code: string): { path: string; bytes: number } {
  const dir = path.resolve(out);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'init.lua');
  writeFileSync(file, code);
  return { path: file, bytes: Buffer.byteLength(code) };
}
