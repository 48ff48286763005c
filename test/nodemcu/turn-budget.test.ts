// Runtime.tickUntil: the time-bounded turn of the main loop the NodeMCU
// platform runs (a NodeMCU task must give the CPU back within ~15 ms). On the
// host platform, each poll of a busy task moves virtual time on by 3 ms.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PENDING } from '../../src/core/poll.ts';
import { Host } from '../../src/targets/host/platform.ts';
import { task } from '../helpers.ts';
import { sleep } from '../../src/time/sleep.ts';

/** Three tasks that each yield (wake themselves) `rounds` times, 3 ms of work per poll. */
function busy(h: Host, rounds: number): string[] {
  const polls: string[] = [];
  for (const name of ['a', 'b', 'c']) {
    let left = rounds;
    h.rt.spawn(task((cx) => {
      polls.push(name + '@' + h.platform.time);
      h.platform.time += 3;
      if (--left === 0) return 'done';
      cx.waker.wakeByRef();
      return PENDING;
    }), name);
  }
  return polls;
}

test('a bounded turn stops taking tasks once the clock reaches its end, and says work is left', () => {
  const h = new Host({ record: false });
  const polls = busy(h, 4);
  assert.equal(h.rt.tickUntil(10), false);
  // The clock is read every 4 polls: 12 ms of work for a 10 ms budget, never a poll cut short.
  assert.deepEqual(polls, ['a@0', 'b@3', 'c@6', 'a@9']);
  assert.equal(h.rt.executor.ready, 3);
});

test('bounded turns in a row do all the work, in the order one unbounded turn does it', () => {
  const bounded = new Host({ record: false });
  const inSlices = busy(bounded, 4);
  let turns = 0;
  while (!bounded.rt.tickUntil(bounded.platform.time + 10)) turns++;
  const whole = new Host({ record: false });
  const atOnce = busy(whole, 4);
  whole.rt.tick();
  assert.deepEqual(inSlices.map((p) => p.split('@')[0]), atOnce.map((p) => p.split('@')[0]));
  assert.equal(turns, 2); // 12 polls of 3 ms in slices of 4
  assert.equal(bounded.rt.executor.ready, 0);
});

test('a bounded turn that runs out of work answers done and arms the alarm for the next deadline', () => {
  const h = new Host({ record: false });
  const s = sleep(h.rt, 50);
  h.rt.spawn(task((cx) => s.poll(cx)), 'sleeper');
  assert.equal(h.rt.tickUntil(10), true);
  assert.equal(h.platform.alarm, 50);
});
