// The Lua build: a TypeScript entry and the runtime it imports, as one Lua
// chunk for Lua 5.1 (NodeMCU on ESP8266) or 5.3 (ESP32), and a runner for
// Debian's `lua5.1` / `lua5.3`, so the behaviour tests run on real Lua.
//
// TSTL compiles with `luaLibImport: "require-minimal"` (only the lualib
// helpers used) into one bundle; src/targets/lua/typed-arrays.lua is put in
// front of it (Lua has no typed arrays), and lua-pcall.ts keeps the
// executor's guarded poll free of closures. lua-fold.ts turns bit operations
// on constants into numbers; lua-getters.ts turns class getters into plain
// methods where the program reads them only through their class, so those
// classes index a plain table; lua-descriptors.ts makes the lualib's getters
// cheap for the other classes (without it every method call on a class with
// a getter goes through a chain walk); lua-errors.ts gives Error no stack
// trace. Four plugins drop what TSTL writes for nothing: lua-compound.ts
// (`o.x++` whose value is used, without caching `o` and "x"),
// lua-unnamed-classes.ts (`C.name = "C"` where nothing reads it) and
// lua-field-nils.ts (`self.x = nil` on an instance that has no `x` yet) and
// lua-continue.ts (`if (c) continue;` as an `if` around the rest of the body).
//
// Lua 5.1 has no bit operators. TSTL emits `bit.band(...)` etc. for them (the
// API of NodeMCU's built-in `bit` module and of lua-bitop) and reports that
// vanilla 5.1 lacks them; that one diagnostic is accepted for 5.1, because the
// targets have `bit` (the runner loads lua-bitop with `-l bit`). Note that
// `bit` answers signed 32-bit numbers: `x >>> 0` is not unsigned there.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import tstl from 'typescript-to-lua';
import { compoundPlugin } from './lua-compound.ts';
import { continuePlugin } from './lua-continue.ts';
import { fastDescriptors } from './lua-descriptors.ts';
import { leanErrors } from './lua-errors.ts';
import { fieldNilsPlugin } from './lua-field-nils.ts';
import { flagsPlugin } from './lua-flags.ts';
import { foldPlugin } from './lua-fold.ts';
import { gettersPlugin } from './lua-getters.ts';
import { pcallPlugin } from './lua-pcall.ts';
import { classNamesPlugin } from './lua-unnamed-classes.ts';

export type LuaVersion = '5.1' | '5.3';

export const LUA_VERSIONS: readonly LuaVersion[] = ['5.1', '5.3'];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHIM = path.join(ROOT, 'src/targets/lua/typed-arrays.lua');

/**
 * TSTL's "<functionality> is/are not supported for target <Lua>" (one code for
 * every construct): accepted on 5.1 for bitwise operations only, which NodeMCU's
 * `bit` module serves; anything else it names (e.g. a function's `length`,
 * which needs 5.2's debug.getinfo nparams) is an error.
 */
const UNSUPPORTED_FOR_TARGET = 100027;

function isBitwiseOn51(d: ts.Diagnostic, version: LuaVersion): boolean {
  return version === '5.1' && d.code === UNSUPPORTED_FOR_TARGET && ts.flattenDiagnosticMessageText(d.messageText, '\n').startsWith('Bitwise operations');
}
/** TypeScript's "this .ts import ... will not be rewritten during emit" for an absolute path: about JS emit, which TSTL does not use. */
const ABSOLUTE_TS_IMPORT = 2877;

function message(d: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (d.file === undefined || d.start === undefined) return text;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${path.relative(ROOT, d.file.fileName)}:${line + 1}:${character + 1}: ${text} (TS${d.code})`;
}

export interface LuaCompileOptions {
  /** Build-time flags (src/core/build-flags.d.ts) as constants; what they rule out is not emitted. None: all on. */
  flags?: Record<string, boolean>;
  /** Files besides `entry` the program reaches from outside the repository (a generated entry's firmware). */
  alsoFrom?: string;
}

export interface LuaCompiled {
  /** The chunk, or '' when TSTL wrote none. */
  code: string;
  /** What TSTL and the checker refused (5.1's bit operators excepted, see above). */
  diagnostics: readonly ts.Diagnostic[];
}

/**
 * Imports by absolute path (firmware outside the repository importing
 * flagpoll's src/index.ts): TSTL 1.37 joins them onto the importing file's
 * folder; a plugin answering the path itself sends them where they point.
 */
const absoluteImports: tstl.Plugin = {
  moduleResolution: (id) => (path.isAbsolute(id) && existsSync(id) ? id : undefined),
};

/** The innermost folder holding both `a` and `b`. */
export function commonRoot(a: string, b: string): string {
  let root = a;
  while (path.relative(root, b).startsWith('..')) root = path.dirname(root);
  return root;
}

/** Compile `entry` (a .ts file) and what it imports to one Lua chunk, with TSTL's diagnostics. */
export function transpileLua(entry: string, version: LuaVersion, options: LuaCompileOptions = {}): LuaCompiled {
  const file = path.resolve(entry);
  let bundle: string | null = null;
  const rootDir = commonRoot(commonRoot(ROOT, path.dirname(file)), path.dirname(path.resolve(options.alsoFrom ?? file)));
  const result = tstl.transpileFiles([file], {
    target: ts.ScriptTarget.ES2020,
    lib: ['lib.es2020.d.ts'],
    types: ['node'],
    // From the repository's own node_modules, whatever folder the build runs in.
    typeRoots: [path.join(ROOT, 'node_modules/@types')],
    strict: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    rewriteRelativeImportExtensions: true,
    rootDir,
    outDir: path.join(rootDir, '.lua-out'),
    luaTarget: version === '5.1' ? tstl.LuaTarget.Lua51 : tstl.LuaTarget.Lua53,
    luaLibImport: tstl.LuaLibImportKind.RequireMinimal,
    luaBundle: 'bundle.lua',
    luaBundleEntry: file,
    noHeader: true,
    luaPlugins: [{ plugin: absoluteImports }, ...(options.flags === undefined ? [] : [{ plugin: flagsPlugin(options.flags) }]), { plugin: pcallPlugin }, { plugin: foldPlugin }, { plugin: gettersPlugin }, { plugin: compoundPlugin },
      { plugin: classNamesPlugin }, { plugin: fieldNilsPlugin }, { plugin: continuePlugin }],
  }, (_name, data) => {
    bundle = data;
  });
  const diagnostics = result.diagnostics.filter((d) => !isBitwiseOn51(d, version) && d.code !== ABSOLUTE_TS_IMPORT);
  return { code: bundle === null ? '' : readFileSync(SHIM, 'utf8') + '\n' + leanErrors(fastDescriptors(bundle)), diagnostics };
}

/** Compile `entry` (a .ts file) and what it imports to one Lua chunk. Throws with every diagnostic. */
export function compileLua(entry: string, version: LuaVersion, options: LuaCompileOptions = {}): string {
  const file = path.resolve(entry);
  const { code, diagnostics } = transpileLua(file, version, options);
  if (diagnostics.length > 0) throw new Error(`compiling ${path.relative(ROOT, file)} for Lua ${version}:\n${diagnostics.map(message).join('\n')}`);
  if (code === '') throw new Error(`compiling ${path.relative(ROOT, file)} for Lua ${version}: TSTL wrote no bundle`);
  return code;
}

/** The interpreter's command and the arguments that give it `bit` on 5.1. */
function interpreter(version: LuaVersion): { cmd: string; args: string[] } {
  return version === '5.1' ? { cmd: 'lua5.1', args: ['-l', 'bit'] } : { cmd: 'lua5.3', args: [] };
}

/** Throws a message saying what to install when `lua5.x` (or lua-bitop for 5.1) is missing. */
export function checkLua(version: LuaVersion): void {
  const { cmd, args } = interpreter(version);
  const r = spawnSync(cmd, [...args, '-e', ''], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) {
    throw new Error(`Lua ${version} is needed to run the Lua tests and \`${cmd}${args.length ? ' ' + args.join(' ') : ''}\` does not run ` +
      `(${r.error?.message ?? r.stderr.trim()}): apt-get install -y lua5.1 lua5.3 lua-bitop (.ci/run does this)`);
  }
}

/** Run a chunk on `lua5.1` / `lua5.3`; answers its stdout. Throws with stderr when it fails. */
export function runLua(chunk: string, version: LuaVersion): string {
  checkLua(version);
  const { cmd, args } = interpreter(version);
  const r = spawnSync(cmd, [...args, '-'], { input: chunk, encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} failed (status ${r.status}):\n${r.stderr}`);
  return r.stdout;
}
