// A UART write on a simulated board (testBoard), drained at the line's baud
// rate. Host only: the simulated board loads its board file with node:fs
// (the portable UartPort tests are in uart-port.test.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pollFn } from '../../src/core/combinators.ts';
import { PENDING } from '../../src/core/poll.ts';
import { testBoard } from '../../src/emulator/test-board.ts';
import { uart } from '../../src/device-uart.ts';

test('on a board, 200 bytes through a 64-byte transmit ring arrive in order and the write ends as the line drains', () => {
  const data = Array.from({ length: 200 }, (_, i) => String.fromCharCode(33 + (i % 90))).join('');
  let doneAt = -1;
  let sentWhenDone = -1;
  let polls = 0;
  const b = testBoard('espruino-pico', (dev) => {
    const port = uart(dev, 'Serial1', { baud: 10_000 }); // 1 ms per byte
    const w = port.write(data);
    dev.rt.spawn(pollFn((cx) => {
      polls++;
      if (w.poll(cx) === PENDING) return PENDING;
      doneAt = dev.rt.now();
      sentWhenDone = b.sim.transmittedBytes('Serial1');
      return undefined;
    }), 'writer');
  }, { trace: false });
  assert.equal(doneAt, -1, 'not done at once');
  b.advance(300);
  // Done when the last 64 bytes fit: 200 - 64 taken by the line, one of them still on the wire.
  assert.equal(sentWhenDone, 200 - 64 - 1);
  assert.equal(doneAt, 200 - 64 - 1);
  assert.ok(polls > 2 && polls < 200, `woken as room appeared, ${polls} polls`);
  assert.equal(b.uart('Serial1').output(), data);
});
