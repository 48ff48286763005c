// Shared by the build tests: firmware written to a temporary folder, boards
// broken on purpose, and builds of the examples made once per test file.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBoard } from '../../src/boards/load.ts';
import { buildEspruino } from '../../src/build/espruino.ts';
import type { EspruinoBuild, EspruinoBuildOptions } from '../../src/build/espruino.ts';

export const root = process.cwd();
export const dir = mkdtempSync(join(tmpdir(), 'flagpoll-build-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
// Firmware is ESM, as in the repository; it imports flagpoll by absolute path.
writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
export const api = join(root, 'src/index.ts');

/** Writes `name` in the temporary folder; `lines` are the whole file. Answers its path. */
export function sourceFile(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A firmware whose body (lines 4 on) sees `dev`, `PENDING` and `pollFn`. Line n of `body` is line n + 3 of the file. */
export function firmwareFile(name: string, body: string[]): string {
  return sourceFile(name, [
    `import { PENDING, pollFn } from '${api}';`,
    `import type { Device } from '${api}';`,
    'export default function firmware(dev: Device): void {',
    ...body,
    '  dev.rt.spawn(pollFn(() => PENDING), "idle");',
    '}',
  ]);
}

/** A copy of a shipped board with `change` applied, written as <id>.json in the temporary folder. */
export function boardFile(from: string, id: string, change: (b: Record<string, any>) => void): string {
  const b = JSON.parse(readFileSync(join(root, 'boards', `${from}.json`), 'utf8')) as Record<string, any>;
  b.id = id;
  b.$schema = join(root, 'boards/board.schema.json');
  change(b);
  const file = join(dir, `${id}.json`);
  writeFileSync(file, JSON.stringify(b, null, 2));
  return file;
}

export function outDir(name: string): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  return d;
}

export const EXAMPLES = ['blink', 'button', 'uart-echo', 'multitask'] as const;

const builds = new Map<string, Promise<EspruinoBuild>>();

/** examples/<name>.ts built for `board` (once per test file), without failing on the JsVar budget. */
export function example(name: string, board = 'espruino-pico', options: EspruinoBuildOptions = {}): Promise<EspruinoBuild> {
  const key = `${name}@${board}${options.out ?? ''}`;
  let b = builds.get(key);
  if (b === undefined) {
    b = buildEspruino(join(root, 'examples', `${name}.ts`), loadBoard(board), { budget: false, ...options });
    builds.set(key, b);
  }
  return b;
}
