// The runtime's steady state allocates nothing on Lua 5.1 and 5.3: with the
// collector stopped, collectgarbage("count") is the same before and after
// 100,000 wakes of each workload of test/lua/programs/steady-state-alloc.ts
// (Signal ping-pong, a Channel with back-pressure, ticker and sleep on the
// virtual clock, GPIO edges, UART lines). The test of the test: the same
// workloads with a table made on the hot path of every wake grow, and the
// same assertion refuses them. The speed against hand-written coroutines is
// `flagpoll bench --lua` (test/lua/bench.test.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS } from '../../src/build/lua.ts';
import { program, runOnLua, skipWithoutLua } from './helpers.ts';

const WAKES = 100_000;

/** The workloads of steady-state-alloc.ts and what each test calls them. */
const WORKLOADS = [
  ['signal', 'Signal ping-pong'],
  ['channel', 'a channel with back-pressure'],
  ['timer', 'the timer queue driving a ticker and a sleep on the virtual clock'],
  ['gpio', 'a task awaiting GPIO edges'],
  ['uart', 'a task reading UART lines'],
] as const;

interface Run {
  wakes: number;
  before: number;
  after: number;
  wakesPerSecond: number;
}

function parse(out: string, name: string): Run {
  const m = new RegExp(`^${name} wakes=(\\d+) before=([\\d.]+) after=([\\d.]+) seconds=\\S+ wakesPerSecond=(\\d+)$`, 'm').exec(out);
  assert.ok(m, `no "${name}" line in:\n${out}`);
  return { wakes: Number(m[1]), before: Number(m[2]), after: Number(m[3]), wakesPerSecond: Number(m[4]) };
}

/** The assertion: at least 100,000 wakes, and not one byte more in use after them. */
function assertAllocationFree(r: Run, what: string): void {
  assert.ok(r.wakes >= WAKES, `${what}: only ${r.wakes} wakes`);
  assert.equal(r.after, r.before, `${what}: collectgarbage("count") grew by ${((r.after - r.before) * 1024).toFixed(0)} bytes over ${r.wakes} wakes`);
}

for (const version of LUA_VERSIONS) {
  const skip = skipWithoutLua(version);
  let cached: string | null = null;
  const output = () => (cached ??= runOnLua(program('steady-state-alloc.ts'), version));

  for (const [name, what] of WORKLOADS) {
    test(`${what} allocates nothing over 100,000 wakes on Lua ${version}`, { skip }, (t) => {
      const r = parse(output(), `${name} steady`);
      t.diagnostic(`Lua ${version}: ${name} ${r.wakes} wakes, collectgarbage("count") ${r.before} -> ${r.after} KB, ${r.wakesPerSecond} wakes/s`);
      assertAllocationFree(r, `${name} on Lua ${version}`);
    });
  }


  test(`the allocation check fails every workload that makes a table per wake on Lua ${version}`, { skip }, () => {
    for (const [name] of WORKLOADS) {
      const r = parse(output(), `${name} allocating`);
      assert.throws(() => assertAllocationFree(r, name), /collectgarbage\("count"\) grew by/);
      // a table of one field is at least 32 bytes on either version
      assert.ok((r.after - r.before) * 1024 >= r.wakes * 32, `${name}: grew only ${r.after - r.before} KB over ${r.wakes} wakes`);
    }
  });
}
