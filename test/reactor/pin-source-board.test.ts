// Pin events on a simulated board (testBoard): tasks, naps and interrupts
// mid-poll. Host only: the simulated board loads its board file with node:fs
// (the portable PinSource tests are in pin-source.test.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pollFn } from '../../src/core/combinators.ts';
import { PENDING } from '../../src/core/poll.ts';
import { testBoard } from '../../src/emulator/test-board.ts';
import { button, input } from '../../src/device-input.ts';
import { sleep } from '../../src/time/sleep.ts';
import { ticker } from '../../src/time/ticker.ts';

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
