// PinSource and PinWait: edges recorded on the interrupt side, merged events
// answered on the main loop.

import { behaviour } from '../portable/behaviour.ts';
import { expectEqual } from '../portable/expect.ts';
import { PENDING } from '../../src/core/poll.ts';
import { Context, Waker } from '../../src/core/waker.ts';
import type { RawWakerVTable } from '../../src/core/waker.ts';
import { PinSource } from '../../src/reactor/pin-source.ts';
import type { PinEvent } from '../../src/reactor/pin-source.ts';

/** A pin source whose raised flags are recorded, and a context whose wakes are counted. */
function rig(level = 0) {
  const raised: number[] = [];
  const src = new PinSource('A0', { raise: (f) => raised.push(f) }, 7, level);
  const wakes = { n: 0 };
  const vt: RawWakerVTable = { clone: () => waker, wake: () => wakes.n++, wakeByRef: () => wakes.n++, drop: () => {}, wakeAll: () => wakes.n++ };
  const waker = new Waker(vt, 0);
  return { src, raised, wakes, cx: new Context(waker) };
}

/** The answer's fields, copied (the event object is reused). */
function ev(e: PinEvent | typeof PENDING) {
  return e === PENDING ? 'pending' : { level: e.level, time: e.time, merged: e.merged };
}

behaviour('an edge records level, count and time, raises the source flag, and nothing else', () => {
  const { src, raised, wakes } = rig();
  src.edge(1, 12.5);
  expectEqual(raised, [7]);
  expectEqual(src.level, 1);
  expectEqual(src.rises, 1);
  expectEqual(src.riseTime, 12.5);
  src.edge(0, 14);
  expectEqual([src.level, src.falls, src.fallTime], [0, 1, 14]);
  expectEqual(wakes.n, 0, 'the interrupt side never wakes a task');
});

behaviour('a rising wait answers rising edges only, with the time of the latest', () => {
  const { src, cx } = rig();
  const w = src.waitFor('rising');
  expectEqual(ev(w.poll(cx)), 'pending');
  src.edge(1, 10);
  expectEqual(ev(w.poll(cx)), { level: 1, time: 10, merged: 1 });
  src.edge(0, 11);
  expectEqual(ev(w.poll(cx)), 'pending', 'a falling edge is no rising event');
  src.edge(1, 12);
  expectEqual(ev(w.poll(cx)), { level: 1, time: 12, merged: 1 });
});

behaviour('a falling wait answers falling edges only', () => {
  const { src, cx } = rig(1);
  const w = src.waitFor('falling');
  expectEqual(ev(w.poll(cx)), 'pending');
  src.edge(0, 5);
  src.edge(1, 6);
  expectEqual(ev(w.poll(cx)), { level: 1, time: 5, merged: 1 }, 'the level is the level now; the time is the falling edge');
  src.edge(1, 7);
  expectEqual(ev(w.poll(cx)), 'pending');
});

behaviour('a both wait answers every edge and counts the ones it missed in merged', () => {
  const { src, cx } = rig();
  const w = src.waitFor('both');
  expectEqual(ev(w.poll(cx)), 'pending');
  src.edge(1, 1);
  src.edge(0, 2);
  src.edge(1, 3);
  expectEqual(ev(w.poll(cx)), { level: 1, time: 3, merged: 3 });
  expectEqual(ev(w.poll(cx)), 'pending', 'merged edges are not answered twice');
});

behaviour('merged counts the rising edges missed while the task was busy', () => {
  const { src, cx } = rig();
  const w = src.waitFor('rising');
  w.poll(cx);
  for (let i = 0; i < 5; i++) {
    src.edge(1, 2 * i);
    src.edge(0, 2 * i + 1);
  }
  expectEqual(ev(w.poll(cx)), { level: 0, time: 8, merged: 5 });
});

behaviour('high and low are levels: ready at once while the pin is there, pending otherwise', () => {
  const { src, cx } = rig(0);
  const high = src.waitFor('high');
  const low = src.waitFor('low');
  expectEqual(ev(low.poll(cx)), { level: 0, time: 0, merged: 1 }, 'started low: time 0');
  expectEqual(ev(high.poll(cx)), 'pending');
  src.edge(1, 20);
  expectEqual(ev(high.poll(cx)), { level: 1, time: 20, merged: 1 });
  expectEqual(ev(high.poll(cx)), { level: 1, time: 20, merged: 1 }, 'still high: ready again');
  expectEqual(ev(low.poll(cx)), 'pending');
  src.edge(0, 30);
  expectEqual(ev(low.poll(cx)), { level: 0, time: 30, merged: 1 });
});

behaviour('edges before the first poll are not events', () => {
  const { src, cx } = rig();
  const w = src.waitFor('both');
  src.edge(1, 1);
  src.edge(0, 2);
  expectEqual(ev(w.poll(cx)), 'pending', 'the first poll only arms it');
  src.edge(1, 3);
  expectEqual(ev(w.poll(cx)), { level: 1, time: 3, merged: 1 });
});

behaviour('a pending wait is woken once by its source firing, and the waiter list is emptied', () => {
  const { src, cx, wakes } = rig();
  const w = src.waitFor('rising');
  w.poll(cx);
  w.poll(cx); // polled twice while pending: still one entry
  expectEqual(src.waiters.length, 1);
  src.edge(1, 1);
  expectEqual(wakes.n, 0);
  src.waiters.wakeAll(); // what the reactor does when the flag was raised
  expectEqual(wakes.n, 1);
  expectEqual(src.waiters.length, 0);
  expectEqual(ev(w.poll(cx)) !== 'pending', true);
  expectEqual(ev(w.poll(cx)), 'pending');
  src.edge(0, 2);
  src.edge(1, 3); // no fire yet: the wait finds the edge by polling
  expectEqual(ev(w.poll(cx)), { level: 1, time: 3, merged: 1 });
  expectEqual(src.waiters.length, 0, 'a wait that answers leaves the list: it is not woken for nothing later');
});

behaviour('a dropped wait leaves the waiter list and is not woken, and counts the edges it missed when polled again', () => {
  const { src, cx, wakes } = rig();
  const w = src.waitFor('rising');
  const other = src.waitFor('rising');
  w.poll(cx);
  other.poll(cx);
  expectEqual(src.waiters.length, 2);
  w.drop();
  expectEqual(src.waiters.length, 1, 'only the other wait is left');
  expectEqual(w.queued, false);
  src.edge(1, 1);
  src.edge(0, 2);
  src.edge(1, 3);
  src.waiters.wakeAll(); // what the reactor does when the flag was raised
  expectEqual(wakes.n, 1, 'only the wait still listed is woken');
  expectEqual(ev(w.poll(cx)), { level: 1, time: 3, merged: 2 }, 'it stayed armed from where it last answered');
});
