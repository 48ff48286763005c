// Signal ping-pong allocates nothing on Lua 5.1 and 5.3: with the collector
// stopped, collectgarbage("count") is the same after 100,000 wakes
// (test/lua/programs/ping-pong-alloc.ts). The allocating variant shows that
// the measurement sees a table per wake. Next to it, the same ping-pong
// written by hand as Lua coroutines (test/lua/programs/coroutine-ping-pong.lua)
// runs in the same test, and both speeds are reported (not asserted): the
// NodeMCU issue's yardstick.

import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS, runLua } from '../../src/build/lua.ts';
import { program, runOnLua, skipWithoutLua } from './helpers.ts';

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

for (const version of LUA_VERSIONS) {
  const out = () => runOnLua(program('ping-pong-alloc.ts'), version);
  let cached: string | null = null;
  const output = () => (cached ??= out());

  test(`Signal ping-pong allocates nothing over 100,000 wakes on Lua ${version}`, { skip: skipWithoutLua(version) }, (t) => {
    const r = parse(output(), 'steady');
    const co = parse(runLua(readFileSync(program('coroutine-ping-pong.lua'), 'utf8'), version), 'coroutines');
    t.diagnostic(`Lua ${version}: flagpoll ${r.wakesPerSecond} wakes/s, hand-written coroutines ${co.wakesPerSecond} wakes/s ` +
      `(flagpoll/coroutines ${(r.wakesPerSecond / co.wakesPerSecond).toFixed(2)}), collectgarbage("count") ${r.before} -> ${r.after} KB`);
    assert.equal(co.wakes, 100000);
    assert.equal(r.wakes, 100000);
    assert.equal(r.after, r.before);
  });

  test(`the allocation check sees a table per wake on Lua ${version}`, { skip: skipWithoutLua(version) }, () => {
    const r = parse(output(), 'allocating');
    assert.equal(r.wakes, 100000);
    // a table of one field is at least 32 bytes on either version
    assert.ok((r.after - r.before) * 1024 >= r.wakes * 32, `grew only ${r.after - r.before} KB`);
  });
}
