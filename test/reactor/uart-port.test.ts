// UartPort: a fixed receive ring filled by the interrupt side, reads and
// lines taken on the main loop, and writes that wait for the line to drain.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pollFn } from '../../src/core/combinators.ts';
import { PENDING } from '../../src/core/poll.ts';
import { Context, Waker } from '../../src/core/waker.ts';
import type { RawWakerVTable } from '../../src/core/waker.ts';
import { testBoard } from '../../src/emulator/test-board.ts';
import { uart } from '../../src/device-uart.ts';
import { UartPort } from '../../src/reactor/uart-port.ts';

/** A port whose raised flags are recorded and whose transmitter sends only when told (`drain`). */
function rig(rxSize = 8, txSize = 4) {
  const raised: number[] = [];
  let kicks = 0;
  const port = new UartPort('U', { raise: (f) => raised.push(f) }, 2, 3, rxSize, txSize, { kick: () => void kicks++ });
  const wakes = { n: 0 };
  const vt: RawWakerVTable = { clone: () => waker, wake: () => wakes.n++, wakeByRef: () => wakes.n++, drop: () => {}, wakeAll: () => wakes.n++ };
  const waker = new Waker(vt, 0);
  const recv = (s: string) => {
    for (let i = 0; i < s.length; i++) port.receive(s.charCodeAt(i));
  };
  const out: number[] = [];
  /** The target takes up to `n` bytes off the transmit ring. */
  const drain = (n: number) => {
    for (let i = 0; i < n; i++) {
      const b = port.takeTx();
      if (b < 0) return;
      out.push(b);
    }
  };
  return { port, raised, wakes, cx: new Context(waker), recv, out, drain, kicks: () => kicks };
}

const text = (buf: Uint8Array, n: number) => String.fromCharCode(...buf.subarray(0, n));

test('received bytes are read back in the order they arrived, around the ring', () => {
  const { port, recv, raised } = rig(4);
  const buf = new Uint8Array(3);
  recv('abc');
  assert.deepEqual(raised, [2, 2, 2], 'each byte raises the receive flag');
  assert.equal(port.tryRead(buf), 3);
  assert.equal(text(buf, 3), 'abc');
  recv('defg'); // wraps around the end of the ring
  assert.equal(port.available, 4);
  assert.equal(port.tryReadByte(), 'd'.charCodeAt(0));
  assert.equal(port.tryRead(buf), 3);
  assert.equal(text(buf, 3), 'efg');
  assert.equal(port.tryReadByte(), -1);
});

test('a full ring drops the newest bytes and counts them; the bytes in it are untouched', () => {
  const { port, recv } = rig(4);
  recv('abcdef');
  assert.equal(port.overflows, 2);
  assert.equal(port.received, 6);
  const buf = new Uint8Array(8);
  assert.equal(port.tryRead(buf), 4);
  assert.equal(text(buf, 4), 'abcd');
  recv('gh');
  assert.equal(port.tryRead(buf), 2);
  assert.equal(text(buf, 2), 'gh', 'after a read the ring takes bytes again');
  assert.equal(port.overflows, 2);
});

test('readUntil gathers a line across chunks and keeps the rest for the next line', () => {
  const { port, recv, cx, wakes } = rig(16);
  const buf = new Uint8Array(8);
  const r = port.readUntil(59, buf); // ';'
  recv('he');
  assert.equal(r.poll(cx), PENDING);
  assert.equal(port.readers.length, 1, 'a pending read waits in the readers list');
  recv('llo;wor');
  port.fireRx();
  assert.equal(wakes.n, 1);
  assert.equal(r.poll(cx), 5);
  assert.equal(text(buf, 5), 'hello');
  assert.equal(r.poll(cx), PENDING, '"wor" is not a line yet');
  assert.equal(port.readers.length, 1);
  recv('ld;'); // no fireRx yet: the read finds the bytes by polling
  assert.equal(r.poll(cx), 5);
  assert.equal(text(buf, 5), 'world');
  assert.equal(port.readers.length, 0, 'a read that answers leaves the list');
});

test('readLine ends lines at LF, CR, or CR LF counted once, even when CR and LF arrive apart', () => {
  const { port, recv, cx } = rig(32);
  const buf = new Uint8Array(8);
  const r = port.readLine(buf);
  const lines: string[] = [];
  const take = () => {
    for (let n = r.poll(cx); n !== PENDING; n = r.poll(cx)) lines.push(text(buf, n));
  };
  recv('a\r\nb\rc\n\r\n');
  take();
  assert.deepEqual(lines, ['a', 'b', 'c', ''], 'the last CR LF ends one empty line');
  recv('x\r');
  take();
  recv('\ny\n');
  take();
  assert.deepEqual(lines.slice(4), ['x', 'y'], 'an LF after a CR in the previous chunk is not a line');
  recv('\r\r');
  take();
  assert.deepEqual(lines.slice(6), ['', ''], 'CR CR is two line ends');
});

test('a line longer than the buffer answers -1 once its end arrives, and the next line is clean', () => {
  const { port, recv, cx } = rig(64);
  const buf = new Uint8Array(4);
  const r = port.readLine(buf);
  recv('abcdef');
  assert.equal(r.poll(cx), PENDING);
  recv('ghij\r\nok\n');
  assert.equal(r.poll(cx), -1);
  assert.equal(r.poll(cx), 2);
  assert.equal(text(buf, 2), 'ok');
  recv('wxyz\n');
  assert.equal(r.poll(cx), 4, 'a line exactly the buffer size fits');
  assert.equal(text(buf, 4), 'wxyz');
});

test('a write bigger than the transmit ring completes only as the target drains it, bytes in order', () => {
  const { port, cx, out, drain, wakes, raised, kicks } = rig(8, 4);
  const data = 'abcdefghij';
  const w = port.write(data);
  assert.equal(w.poll(cx), PENDING);
  assert.equal(port.pendingTx, 4, 'the ring is full');
  assert.equal(kicks(), 1, 'the transmitter was kicked');
  assert.equal(port.writers.length, 1);
  assert.equal(w.poll(cx), PENDING, 'nothing drained: still waiting');
  drain(1);
  assert.deepEqual(raised, [3], 'a full ring getting room raises the transmit flag');
  port.fireTx();
  assert.equal(wakes.n, 1);
  assert.equal(w.poll(cx), PENDING, 'one more byte copied, ring full again');
  drain(4);
  assert.equal(w.poll(cx), PENDING);
  drain(3);
  assert.equal(w.poll(cx), undefined, 'the last bytes fit: done');
  assert.equal(port.writers.length, 0);
  drain(10);
  assert.equal(String.fromCharCode(...out), data);
});

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
