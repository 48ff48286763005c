// Scenario files for tests, written to a fresh temporary folder: broken
// scenarios are made here and never committed.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'flagpoll-scenario-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let count = 0;

/** Write `text` to a new .scenario.yaml file and answer its path. */
export function scenarioFile(text: string): string {
  const file = join(dir, `s${++count}.scenario.yaml`);
  writeFileSync(file, text);
  return file;
}
