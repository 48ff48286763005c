// UartPort: a fixed receive ring filled by the interrupt side, reads and
// lines taken on the main loop, and writes that wait for the line to drain.

import { behaviour } from '../portable/behaviour.ts';
import { expectEqual } from '../portable/expect.ts';
import { PENDING } from '../../src/core/poll.ts';
import { Context, Waker } from '../../src/core/waker.ts';
import type { RawWakerVTable } from '../../src/core/waker.ts';
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

/** The first `n` bytes of `buf` as text. */
function text(buf: Uint8Array, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(buf[i]!);
  return s;
}

behaviour('received bytes are read back in the order they arrived, around the ring', () => {
  const { port, recv, raised } = rig(4);
  const buf = new Uint8Array(3);
  recv('abc');
  expectEqual(raised, [2, 2, 2], 'each byte raises the receive flag');
  expectEqual(port.tryRead(buf), 3);
  expectEqual(text(buf, 3), 'abc');
  recv('defg'); // wraps around the end of the ring
  expectEqual(port.available(), 4);
  expectEqual(port.tryReadByte(), 'd'.charCodeAt(0));
  expectEqual(port.tryRead(buf), 3);
  expectEqual(text(buf, 3), 'efg');
  expectEqual(port.tryReadByte(), -1);
});

behaviour('a full ring drops the newest bytes and counts them; the bytes in it are untouched', () => {
  const { port, recv } = rig(4);
  recv('abcdef');
  expectEqual(port.overflows, 2);
  expectEqual(port.received, 6);
  const buf = new Uint8Array(8);
  expectEqual(port.tryRead(buf), 4);
  expectEqual(text(buf, 4), 'abcd');
  recv('gh');
  expectEqual(port.tryRead(buf), 2);
  expectEqual(text(buf, 2), 'gh', 'after a read the ring takes bytes again');
  expectEqual(port.overflows, 2);
});

behaviour('readUntil gathers a line across chunks and keeps the rest for the next line', () => {
  const { port, recv, cx, wakes } = rig(16);
  const buf = new Uint8Array(8);
  const r = port.readUntil(59, buf); // ';'
  recv('he');
  expectEqual(r.poll(cx), PENDING);
  expectEqual(port.readers.length, 1, 'a pending read waits in the readers list');
  recv('llo;wor');
  port.readers.wakeAll(); // what the reactor does when the receive flag was raised
  expectEqual(wakes.n, 1);
  expectEqual(r.poll(cx), 5);
  expectEqual(text(buf, 5), 'hello');
  expectEqual(r.poll(cx), PENDING, '"wor" is not a line yet');
  expectEqual(port.readers.length, 1);
  recv('ld;'); // no wake yet: the read finds the bytes by polling
  expectEqual(r.poll(cx), 5);
  expectEqual(text(buf, 5), 'world');
  expectEqual(port.readers.length, 0, 'a read that answers leaves the list');
});

behaviour('readLine ends lines at LF, CR, or CR LF counted once, even when CR and LF arrive apart', () => {
  const { port, recv, cx } = rig(32);
  const buf = new Uint8Array(8);
  const r = port.readLine(buf);
  const lines: string[] = [];
  const take = () => {
    for (let n = r.poll(cx); n !== PENDING; n = r.poll(cx)) lines.push(text(buf, n));
  };
  recv('a\r\nb\rc\n\r\n');
  take();
  expectEqual(lines, ['a', 'b', 'c', ''], 'the last CR LF ends one empty line');
  recv('x\r');
  take();
  recv('\ny\n');
  take();
  expectEqual(lines.slice(4), ['x', 'y'], 'an LF after a CR in the previous chunk is not a line');
  recv('\r\r');
  take();
  expectEqual(lines.slice(6), ['', ''], 'CR CR is two line ends');
});

behaviour('a line longer than the buffer answers -1 once its end arrives, and the next line is clean', () => {
  const { port, recv, cx } = rig(64);
  const buf = new Uint8Array(4);
  const r = port.readLine(buf);
  recv('abcdef');
  expectEqual(r.poll(cx), PENDING);
  recv('ghij\r\nok\n');
  expectEqual(r.poll(cx), -1);
  expectEqual(r.poll(cx), 2);
  expectEqual(text(buf, 2), 'ok');
  recv('wxyz\n');
  expectEqual(r.poll(cx), 4, 'a line exactly the buffer size fits');
  expectEqual(text(buf, 4), 'wxyz');
});

behaviour('a write bigger than the transmit ring completes only as the target drains it, bytes in order', () => {
  const { port, cx, out, drain, wakes, raised, kicks } = rig(8, 4);
  const data = 'abcdefghij';
  const w = port.write(data);
  expectEqual(w.poll(cx), PENDING);
  expectEqual(port.pendingTx(), 4, 'the ring is full');
  expectEqual(kicks(), 1, 'the transmitter was kicked');
  expectEqual(port.writers.length, 1);
  expectEqual(w.poll(cx), PENDING, 'nothing drained: still waiting');
  drain(1);
  expectEqual(raised, [3], 'a full ring getting room raises the transmit flag');
  port.writers.wakeAll(); // what the reactor does when the transmit flag was raised
  expectEqual(wakes.n, 1);
  expectEqual(w.poll(cx), PENDING, 'one more byte copied, ring full again');
  drain(4);
  expectEqual(w.poll(cx), PENDING);
  drain(3);
  expectEqual(w.poll(cx), undefined, 'the last bytes fit: done');
  expectEqual(port.writers.length, 0);
  drain(10);
  expectEqual(out.map((b) => String.fromCharCode(b)).join(''), data);
});
