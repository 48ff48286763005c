// PinSource and PinWait: edges recorded on the interrupt side, merged events
// answered on the main loop.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PENDING } from '../../src/core/poll.ts';
import { Context, Waker } from '../../src/core/waker.ts';
import type { RawWakerVTable } from '../../src/core/waker.ts';
import { testBoard } from '../../src/emulator/test-board.ts';
import { button, input } from '../../src/device-input.ts';
import { PinSource } from '../../src/reactor/pin-source.ts';
import { sleep } from '../../src/time/sleep.ts';
import { ticker } from '../../src/time/ticker.ts';
import type { PinEvent } from '../../src/reactor/pin-source.ts';
import { pollFn } from '../../src/core/combinators.ts';

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

test('an edge records level, count and time, raises the source flag, and nothing else', () => {
  const { src, raised, wakes } = rig();
  src.edge(1, 12.5);
  assert.deepEqual(raised, [7]);
  assert.equal(src.level, 1);
  assert.equal(src.rises, 1);
  assert.equal(src.riseTime, 12.5);
  src.edge(0, 14);
  assert.deepEqual([src.level, src.falls, src.fallTime], [0, 1, 14]);
  assert.equal(wakes.n, 0, 'the interrupt side never wakes a task');
});

test('a rising wait answers rising edges only, with the time of the latest', () => {
  const { src, cx } = rig();
  const w = src.waitFor('rising');
  assert.equal(ev(w.poll(cx)), 'pending');
  src.edge(1, 10);
  assert.deepEqual(ev(w.poll(cx)), { level: 1, time: 10, merged: 1 });
  src.edge(0, 11);
  assert.equal(ev(w.poll(cx)), 'pending', 'a falling edge is no rising event');
  src.edge(1, 12);
  assert.deepEqual(ev(w.poll(cx)), { level: 1, time: 12, merged: 1 });
});

test('a falling wait answers falling edges only', () => {
  const { src, cx } = rig(1);
  const w = src.waitFor('falling');
  assert.equal(ev(w.poll(cx)), 'pending');
  src.edge(0, 5);
  src.edge(1, 6);
  assert.deepEqual(ev(w.poll(cx)), { level: 1, time: 5, merged: 1 }, 'the level is the level now; the time is the falling edge');
  src.edge(1, 7);
  assert.equal(ev(w.poll(cx)), 'pending');
});

test('a both wait answers every edge and counts the ones it missed in merged', () => {
  const { src, cx } = rig();
  const w = src.waitFor('both');
  assert.equal(ev(w.poll(cx)), 'pending');
  src.edge(1, 1);
  src.edge(0, 2);
  src.edge(1, 3);
  assert.deepEqual(ev(w.poll(cx)), { level: 1, time: 3, merged: 3 });
  assert.equal(ev(w.poll(cx)), 'pending', 'merged edges are not answered twice');
});

test('merged counts the rising edges missed while the task was busy', () => {
  const { src, cx } = rig();
  const w = src.waitFor('rising');
  w.poll(cx);
  for (let i = 0; i < 5; i++) {
    src.edge(1, 2 * i);
    src.edge(0, 2 * i + 1);
  }
  assert.deepEqual(ev(w.poll(cx)), { level: 0, time: 8, merged: 5 });
});

test('high and low are levels: ready at once while the pin is there, pending otherwise', () => {
  const { src, cx } = rig(0);
  const high = src.waitFor('high');
  const low = src.waitFor('low');
  assert.deepEqual(ev(low.poll(cx)), { level: 0, time: 0, merged: 1 }, 'started low: time 0');
  assert.equal(ev(high.poll(cx)), 'pending');
  src.edge(1, 20);
  assert.deepEqual(ev(high.poll(cx)), { level: 1, time: 20, merged: 1 });
  assert.deepEqual(ev(high.poll(cx)), { level: 1, time: 20, merged: 1 }, 'still high: ready again');
  assert.equal(ev(low.poll(cx)), 'pending');
  src.edge(0, 30);
  assert.deepEqual(ev(low.poll(cx)), { level: 0, time: 30, merged: 1 });
});

test('edges before the first poll are not events', () => {
  const { src, cx } = rig();
  const w = src.waitFor('both');
  src.edge(1, 1);
  src.edge(0, 2);
  assert.equal(ev(w.poll(cx)), 'pending', 'the first poll only arms it');
  src.edge(1, 3);
  assert.deepEqual(ev(w.poll(cx)), { level: 1, time: 3, merged: 1 });
});

test('a pending wait is woken once by its source firing, and the waiter list is emptied', () => {
  const { src, cx, wakes } = rig();
  const w = src.waitFor('rising');
  w.poll(cx);
  w.poll(cx); // polled twice while pending: still one entry
  assert.equal(src.waiters.length, 1);
  src.edge(1, 1);
  assert.equal(wakes.n, 0);
  src.fire();
  assert.equal(wakes.n, 1);
  assert.equal(src.waiters.length, 0);
  assert.equal(ev(w.poll(cx)) !== 'pending', true);
  assert.equal(ev(w.poll(cx)), 'pending');
  src.edge(0, 2);
  src.edge(1, 3); // no fire yet: the wait finds the edge by polling
  assert.deepEqual(ev(w.poll(cx)), { level: 1, time: 3, merged: 1 });
  assert.equal(src.waiters.length, 0, 'a wait that answers leaves the list: it is not woken for nothing later');
});

test('one edge wakes every task waiting on the pin, each with its own count', () => {
  const got: string[] = [];
  const b = testBoard('espruino-pico', (dev) => {
    const pin = input(dev, 'A0');
    const kinds = ['rising', 'both', 'rising'] as const;
    kinds.forEach((kind, i) => {
      const w = pin.waitFor(kind);
      const name = `${kind}${i}`;
      dev.rt.spawn(pollFn((cx) => {
        for (let e = w.poll(cx); e !== PENDING; e = w.poll(cx)) got.push(`${name}:${e.merged}`);
        return PENDING;
      }), name);
    });
  }, { trace: false });
  b.setPin('A0', 1);
  assert.deepEqual(got, ['rising0:1', 'both1:1', 'rising2:1']);
  b.setPin('A0', 0);
  assert.deepEqual(got.slice(3), ['both1:1']);
});

test('a dropped wait leaves the waiter list and is not woken, and counts the edges it missed when polled again', () => {
  const { src, cx, wakes } = rig();
  const w = src.waitFor('rising');
  const other = src.waitFor('rising');
  w.poll(cx);
  other.poll(cx);
  assert.equal(src.waiters.length, 2);
  w.drop();
  assert.equal(src.waiters.length, 1, 'only the other wait is left');
  assert.equal(w.queued, false);
  src.edge(1, 1);
  src.edge(0, 2);
  src.edge(1, 3);
  src.fire();
  assert.equal(wakes.n, 1, 'only the wait still listed is woken');
  assert.deepEqual(ev(w.poll(cx)), { level: 1, time: 3, merged: 2 }, 'it stayed armed from where it last answered');
});

test('on a board, a task waiting for presses sees every press once, merged while it was busy', () => {
  const seen: number[] = [];
  const b = testBoard('espruino-pico', (dev) => {
    const press = button(dev, 'BTN1').waitPress();
    const nap = sleep(dev.rt, 100);
    let napping = false;
    dev.rt.spawn(pollFn((cx) => {
      for (;;) {
        if (napping) {
          if (nap.poll(cx) === PENDING) return PENDING;
          napping = false;
        }
        const e = press.poll(cx);
        if (e === PENDING) return PENDING;
        seen.push(e.merged);
        napping = true;
      }
    }), 'presses');
  });
  b.press('BTN1', 10); // seen at once, then the task naps 100 ms
  b.press('BTN1', 10);
  b.press('BTN1', 10);
  b.advance(200);
  assert.deepEqual(seen, [1, 2], 'the two presses during the nap arrive as one event with merged 2');
  // Woken by the first press and by the end of each nap; the presses during the nap woke nobody.
  assert.equal(b.take().filter((s) => s === 'wake presses').length, 3);
});

test('an edge injected while another task is polled is dispatched after that poll, in the same turn of the main loop', () => {
  const b = testBoard('espruino-pico', (dev) => {
    const w = input(dev, 'A0').waitFor('rising');
    dev.rt.spawn(pollFn((cx) => {
      for (let e = w.poll(cx); e !== PENDING; e = w.poll(cx)) {}
      return PENDING;
    }), 'edge');
    const t = ticker(dev.rt, 1);
    dev.rt.spawn(pollFn((cx) => {
      while (t.poll(cx) !== PENDING) {}
      return PENDING;
    }), 'tick');
  });
  b.take();
  // setPin runs the main loop when called from a test; mid-poll, as an interrupt, it must only record and pend.
  b.duringPoll('tick', () => b.setPin('A0', 1));
  b.advance(1);
  // The timer's wake needs no pend (the turn runs it); the interrupt mid-poll pends, and nothing is polled inside another task's poll.
  assert.deepEqual(b.take().slice(0, 8), ['wake tick', 'poll tick', 'pend', 'pending tick', 'idle', 'wake edge', 'poll edge', 'pending edge']);
});
