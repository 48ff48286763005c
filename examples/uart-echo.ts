// uart-echo: for each line received on the console (ended by LF or CR; CR LF
// counts once) write "echo: <line>" and CR LF. A line longer than 64 bytes
// gets "error: line too long" and CR LF; the lines after it are echoed as usual.

import { PENDING, pollFn, uart } from '../src/index.ts';
import type { Device } from '../src/index.ts';

const MAX_LINE = 64;

export default function uartEcho(dev: Device): void {
  const con = uart(dev, 'console');
  const line = new Uint8Array(MAX_LINE);
  const next = con.readLine(line);
  const reply = con.write();
  const text = new Uint8Array(MAX_LINE + 8);
  const ECHO = 'echo: ';
  let replying = false;
  dev.rt.spawn(pollFn((cx) => {
    for (;;) {
      if (replying) {
        if (reply.poll(cx) === PENDING) return PENDING;
        replying = false;
      }
      const n = next.poll(cx);
      if (n === PENDING) return PENDING;
      if (n < 0) reply.set('error: line too long\r\n');
      else {
        // Build "echo: <line>\r\n" in a fixed buffer: no string per line.
        for (let i = 0; i < ECHO.length; i++) text[i] = ECHO.charCodeAt(i);
        text.set(line.subarray(0, n), ECHO.length);
        text[ECHO.length + n] = 13;
        text[ECHO.length + n + 1] = 10;
        reply.set(text.subarray(0, ECHO.length + n + 2));
      }
      replying = true;
    }
  }), 'echo');
}
