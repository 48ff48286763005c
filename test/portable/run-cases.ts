// Runs collected behaviours (test/portable/behaviour.ts) one by one and
// prints one line per case: `ok <name>` or `not ok <name>: <what differed>`,
// then `cases <n>`. The same code runs on the host and compiled on Lua, and
// test/lua/behaviours.test.ts compares the two outputs.

import type { Case } from './behaviour.ts';

/** What a case threw, on one line. */
function reason(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n').join(' | ');
}

/** Run every case; `print` writes one line. */
export function runCases(cases: readonly Case[], print: (line: string) => void): void {
  for (const c of cases) {
    let error: unknown = undefined;
    let ok = true;
    try {
      c.body();
    } catch (e) {
      ok = false;
      error = e;
    }
    print(ok ? 'ok ' + c.name : 'not ok ' + c.name + ': ' + reason(error));
  }
  print('cases ' + cases.length);
}
