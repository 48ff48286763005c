// `flagpoll build <entry.ts> --board <id> --out <dir> [--json]`.
//
// Usage mistakes (no entry, no --board, no --out, an unknown board, an entry
// that is not there) are UsageErrors: exit 2 with one line. What the build
// refuses (type errors, constructs Espruino rejects, over the JsVar budget)
// is printed as `file:line: message`, one per diagnostic, exit 1; with
// --json, as one object `{ ok: false, board, diagnostics }`. A build that
// passes prints the size report (or its JSON) and exits 0.

import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadBoardForCli, UsageError } from '../cli/args.ts';
import { BuildError, formatDiagnostic } from './diagnostics.ts';
import { build } from './index.ts';
import { formatSizeReport } from './report.ts';

export async function buildCommand(args: string[], write: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { board: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new UsageError('build: give one entry file, e.g. flagpoll build examples/blink.ts --board espruino-pico --out dist');
  if (values.board === undefined) throw new UsageError('build: --board is required, e.g. --board espruino-pico (`flagpoll boards` lists them)');
  if (values.out === undefined) throw new UsageError('build: --out is required: the folder app.js is written to, e.g. --out dist');
  const entry = positionals[0]!;
  const board = loadBoardForCli(values.board);
  if (!existsSync(entry)) throw new UsageError(`build: ${entry}: no such file`);
  try {
    const result = await build(entry, { board, outDir: values.out });
    write(values.json ? JSON.stringify(result.report) : formatSizeReport(result.report, entry));
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
