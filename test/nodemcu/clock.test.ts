// The NodeMCU platform's clock: tmr.now() wraps at 2^31 µs on the ESP8266, and
// the runtime's milliseconds must never go backwards there. The same program
// runs on the host and, compiled, on Lua 5.1 and 5.3.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LUA_VERSIONS } from '../../src/build/lua.ts';
import { runOnHost, runOnLua, skipWithoutLua } from '../lua/helpers.ts';

const PROGRAM = path.join(path.dirname(fileURLToPath(import.meta.url)), 'programs/clock-wrap.ts');

function parse(out: string): Record<string, number> {
  const r: Record<string, number> = {};
  for (const l of out.trim().split('\n')) {
    const [k, v] = l.split(' ');
    r[k!] = Number(v);
  }
  return r;
}

test('time read across the 31-bit wrap of tmr.now() keeps counting up, in ms', () => {
  const r = parse(runOnHost(PROGRAM));
  assert.equal(r.boot, 0);
  assert.equal(r.before, 2147482.648);
  assert.equal(r.after, 2147484.148); // 1.5 ms later, not 0.5 ms after boot
  assert.equal(r.stamp, 2147483.148); // a stamp from before the wrap lands before now
  assert.equal(r['stamp-now'], 2147484.148);
  assert.equal(r.same, 2147484.148);
  assert.equal(r['second-wrap'], 4294967.295);
  assert.equal(r.third, 4294968.296);
});

for (const v of LUA_VERSIONS) {
  test(`the clock unwraps the same on Lua ${v}`, { skip: skipWithoutLua(v) }, () => {
    assert.deepEqual(parse(runOnLua(PROGRAM, v)), parse(runOnHost(PROGRAM)));
  });
}
