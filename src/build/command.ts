// `flagpoll build <entry.ts> --board <id> --out <dir> [--lua 5.1|5.3] [--json]`.
//
// Usage mistakes (no entry, no --board, no --out, an unknown board, an entry
// that is not there) are UsageErrors: exit 2 with one line. What the build
// refuses (type errors, constructs Espruino or typescript-to-lua reject, over
// the JsVar or Lua heap budget, a --lua the board does not have)
// is printed as `file:line: message`, one per diagnostic, exit 1; with
// --json, as one object `{ ok: false, board, diagnostics }`. A build that
// passes prints the size report (or its JSON) and exits 0.

import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadBoardForCli, UsageError } from '../cli/args.ts';
import { BuildError, formatDiagnostic } from './diagnostics.ts';
import { build } from './index.ts';
import { formatLuaSizeReport } from './lua-size.ts';
import { formatSizeReport } from './report.ts';

export async function buildCommand(args: string[], write: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { board: { type: 'string' }, out: { type: 'string' }, lua: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new UsageError('build: give one entry file, e.g. flagpoll build examples/blink.ts --board espruino-pico --out dist');
  if (values.board === undefined) throw new UsageError('build: --board is required, e.g. --board espruino-pico (`flagpoll boards` lists them)');
  if (values.out === undefined) throw new UsageError('build: --out is required: the folder app.js (Espruino) or init.lua (NodeMCU) is written to, e.g. --out dist');
  const entry = positionals[0]!;
  const board = loadBoardForCli(values.board);
  if (values.lua !== undefined && board.target !== 'nodemcu') throw new UsageError(`build: --lua is for NodeMCU boards; ${board.id} is a ${board.target} board`);
  if (!existsSync(entry)) throw new UsageError(`build: ${entry}: no such file`);
  try {
    const result = await build(entry, { board, outDir: values.out, lua: values.lua });
    const r = result.report;
    write(values.json ? JSON.stringify(r) : r.target === 'nodemcu' ? formatLuaSizeReport(r, entry) : formatSizeReport(r, entry));
    return 0;
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    if (e.diagnostics.every((d) => d.code === 'unsupportedTarget')) throw new UsageError(`build: ${e.diagnostics[0]!.message}`);
    if (values.json) write(JSON.stringify({ ok: false, target: board.target, board: board.id, diagnostics: e.diagnostics }));
    else for (const d of e.diagnostics) write(formatDiagnostic(d));
    if (!values.json) write(`build failed: ${e.diagnostics.length} problem(s); nothing was written`);
    return 1;
  }
}
