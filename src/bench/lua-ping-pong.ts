// Allocation and speed of Signal ping-pong on Lua, measured inside Lua: the
// flagpoll side of `flagpoll bench --lua` (src/bench/lua.ts).
//
// The same pair of tasks as the host benchmark (signal-ping-pong.ts): they
// bounce a number through two Signals; each delivery is one wake and one poll.
// With the collector stopped, `collectgarbage("count")` before and after the
// timed wakes shows what the steady state allocates (it must be nothing; the
// test that this measure sees an allocation per wake is
// test/lua/programs/steady-state-alloc.ts). FLAGPOLL_ROUND_TRIPS (default
// 50,000) sets the round trips, two wakes each. Prints one line:
// `flagpoll wakes=<n> before=<KB> after=<KB> seconds=<os.clock delta>
// wakesPerSecond=<n>`. Lua only (collectgarbage, os.clock); compiled by
// src/build/lua.ts.

import { makeSignalPingPong } from './signal-ping-pong.ts';

declare function collectgarbage(this: void, opt: 'stop' | 'restart' | 'collect' | 'count'): number;
declare const os: { clock(this: void): number };
declare const FLAGPOLL_ROUND_TRIPS: number | undefined;

const pp = makeSignalPingPong(1);
// Warm up after the collection (a full collection shrinks Lua's call stack,
// which then grows again once): the count then sees only the steady state.
collectgarbage('collect');
collectgarbage('stop');
pp.run(100);
const before = collectgarbage('count');
const t0 = os.clock();
const wakes = pp.run(FLAGPOLL_ROUND_TRIPS ?? 50000);
const t1 = os.clock();
const after = collectgarbage('count');
collectgarbage('restart');
console.log('flagpoll wakes=' + wakes + ' before=' + before + ' after=' + after + ' seconds=' + (t1 - t0) +
  ' wakesPerSecond=' + Math.floor(wakes / (t1 - t0)));
