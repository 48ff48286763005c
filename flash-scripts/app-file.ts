// What `flagpoll flash` uploads: a built app.js and the build id it carries.
//
// The id is how the upload is confirmed: the built firmware sets the global
// FLAGPOLL_BUILD to it when it starts (src/targets/espruino/main.ts), and
// flash asks the board for FLAGPOLL_BUILD afterwards. flash reads the id
// from the file's first line, which `flagpoll build` writes as
//
//   // flagpoll build <id> for <board id>
//
// (src/build/espruino.ts, buildLine; a comment, so EspruinoTools drops it
// before sending). A file without that line cannot be confirmed and is
// refused. Given a .ts entry, flash builds it first with src/build's
// `build` into a temporary folder, and uploads that.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Board } from '../src/boards/board.ts';
import { FlashRefused } from './refusal.ts';

export const BUILD_LINE = /^\/\/ flagpoll build (\S+) for (\S+)/;

export interface App {
  file: string;
  code: string;
  buildId: string;
  /** The board id the header names. */
  builtFor: string;
}

/** The id and board named by the first line of `code`, or null when it has no such line. */
export function readBuildLine(code: string): { buildId: string; builtFor: string } | null {
  const m = BUILD_LINE.exec(code.replace(/^\uFEFF/, '').split('\n', 1)[0]!.trim());
  return m === null ? null : { buildId: m[1]!, builtFor: m[2]! };
}

/** Reads (or builds, for a .ts entry) what is to be uploaded to `board`. */
export async function appFor(input: string, board: Board, workDir: string): Promise<App> {
  const file = input.endsWith('.ts') ? await buildFirst(input, board, workDir) : resolve(input);
  if (!existsSync(file)) throw new FlashRefused(`${input}: no such file`);
  const code = readFileSync(file, 'latin1');
  const line = readBuildLine(code);
  if (line === null) {
    throw new FlashRefused(`${input}: its first line is not "// flagpoll build <id> for <board>", so the upload could not be confirmed; flash what \`flagpoll build\` wrote, or give the .ts entry`);
  }
  return { file, code, ...line };
}

/** Builds a .ts entry with flagpoll build's API (loaded only then: it brings the TypeScript compiler) into `outDir`. */
export async function buildFirst(entry: string, board: Board, outDir: string): Promise<string> {
  if (!existsSync(entry)) throw new FlashRefused(`${entry}: no such file`);
  const { build, BuildError } = await import('../src/build/index.ts');
  try {
    return (await build(resolve(entry), { board, outDir })).file;
  } catch (e) {
    if (e instanceof BuildError) throw new FlashRefused(`the build of ${entry} failed, nothing was uploaded:\n${e.message}`);
    throw e;
  }
}
