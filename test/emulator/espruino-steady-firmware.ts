// Steady-state firmware for the allocation audit of built Espruino code:
// what button and uart-echo do, written like firmware that must not
// allocate once running (every buffer and future made at start-up).
//
// - button: each press of BTN1 (debounced 20 ms) toggles LED1 and writes
//   "press NNN" CR LF on Serial1 (115200 baud), NNN the count mod 1000;
// - lines: each console line is answered "pong NNN" CR LF;
// - ticker: LED2 toggles every 10 ms.

import { PENDING, button, pollFn, ticker, uart } from '../../src/index.ts';
import type { Device } from '../../src/index.ts';

function bytes(text: string): Uint8Array {
  const b = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) b[i] = text.charCodeAt(i);
  return b;
}

/** Write `n` mod 1000 as three digits at `at`. */
function digits(buf: Uint8Array, at: number, n: number): void {
  const k = n % 1000;
  buf[at] = 48 + ((k / 100) | 0);
  buf[at + 1] = 48 + (((k / 10) | 0) % 10);
  buf[at + 2] = 48 + (k % 10);
}

export default function steady(dev: Device<'espruino-pico'>): void {
  const rt = dev.rt;

  const led = dev.led('LED1');
  const press = button(dev, 'BTN1', { debounce: 20 }).waitPress();
  const serial = uart(dev, 'Serial1', { baud: 115200 });
  const pressText = bytes('press 000\r\n');
  const say = serial.write();
  let presses = 0;
  let saying = false;
  rt.spawn(pollFn((cx) => {
    for (;;) {
      if (saying) {
        if (say.poll(cx) === PENDING) return PENDING;
        saying = false;
      }
      if (press.poll(cx) === PENDING) return PENDING;
      led.toggle();
      digits(pressText, 6, ++presses);
      say.set(pressText);
      saying = true;
    }
  }), 'button');

  const con = uart(dev, 'console');
  const line = new Uint8Array(16);
  const next = con.readLine(line);
  const reply = bytes('pong 000\r\n');
  const write = con.write();
  let lines = 0;
  let replying = false;
  rt.spawn(pollFn((cx) => {
    for (;;) {
      if (replying) {
        if (write.poll(cx) === PENDING) return PENDING;
        replying = false;
      }
      if (next.poll(cx) === PENDING) return PENDING;
      digits(reply, 5, ++lines);
      write.set(reply);
      replying = true;
    }
  }), 'lines');

  const led2 = dev.led('LED2');
  const tick = ticker(rt, 10);
  rt.spawn(pollFn((cx) => {
    while (tick.poll(cx) !== PENDING) led2.toggle();
    return PENDING;
  }), 'ticker');
}
