// `flagpoll bench --lua`: the Signal ping-pong compiled to Lua against the
// same ping-pong written by hand as coroutines (src/bench/coroutine-ping-pong.lua),
// on lua5.1 and lua5.3. Speed is never asserted; these tests check the
// yardstick itself allocates nothing and the command prints every field.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS, runLua } from '../../src/build/lua.ts';
import { coroutinePingPong, parseLuaRun } from '../../src/bench/lua.ts';
import { main } from '../../src/cli/main.ts';
import { skipWithoutLua } from './helpers.ts';

for (const version of LUA_VERSIONS) {
  test(`the hand-written coroutine ping-pong allocates nothing over 100,000 wakes on Lua ${version}`, { skip: skipWithoutLua(version) }, () => {
    const r = parseLuaRun(runLua(coroutinePingPong(), version), 'coroutines');
    assert.equal(r.wakes, 100000);
    assert.equal(r.after, r.before);
  });
}

test('flagpoll bench --lua prints both programs\' wakes per second, their ratio and bytes per wake on lua5.1 and lua5.3',
  { skip: skipWithoutLua('5.1') ?? skipWithoutLua('5.3') }, async () => {
    let text = '';
    assert.equal(await main(['bench', '--lua', '--trials', '1', '--wakes', '2000'], (s) => (text += s)), 0);
    for (const v of LUA_VERSIONS) {
      assert.match(text, new RegExp(`^  lua${v.replace('.', '\\.')} +\\d+\\.\\d\\d M/s +\\d+\\.\\d\\d M/s +\\d+\\.\\d\\d +0, 0$`, 'm'));
    }
    let json = '';
    assert.equal(await main(['bench', '--lua', '--json', '--trials', '1', '--wakes', '2000'], (s) => (json += s)), 0);
    const r = JSON.parse(json);
    assert.equal(r.trials, 1);
    assert.equal(r.wakes, 2000);
    assert.deepEqual(r.rows.map((row: { lua: string }) => row.lua), LUA_VERSIONS);
    for (const row of r.rows) {
      assert.equal(row.flagpoll_bytes_per_wake, 0);
      assert.equal(row.coroutine_bytes_per_wake, 0);
      assert.ok(row.flagpoll_wakes_per_s > 0 && row.coroutine_wakes_per_s > 0);
      // one trial: the median of the trials' ratios is that trial's ratio
      assert.equal(row.flagpoll_vs_coroutines, Math.round((row.flagpoll_wakes_per_s / row.coroutine_wakes_per_s) * 100) / 100);
    }
  });

test('flagpoll bench refuses a --trials that is not a whole number above 0', async () => {
  await assert.rejects(main(['bench', '--lua', '--trials', '0'], () => {}), /bench --trials: expected a whole number above 0, got "0"/);
});
