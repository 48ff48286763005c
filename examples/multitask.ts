// multitask: three tasks sharing a channel and a mutex.
//
// - sampler: every `period` ms reads the (simulated) sensor and sends the
//   reading into the `readings` channel.
// - status: takes readings off the channel, records them in the shared stats
//   (under the mutex) and shows the state on LED1: lit while the latest
//   reading is at or above the alarm threshold.
// - shell: a command line on the console UART:
//     stats         -> "samples N last T min T max T" (T in degrees C)
//     period <ms>   -> sets the sampling period (50..5000), "ok"
//     alarm <T>     -> sets the threshold in tenths of a degree, "ok"
//     anything else -> "error: unknown command"
//
// Every future is made once here; the task loops only poll.

import { Channel, Mutex, PENDING, pollFn, sleep, uart } from '../src/index.ts';
import type { Device } from '../src/index.ts';

interface Stats {
  samples: number;
  last: number;
  min: number;
  max: number;
  /** Sampling period, ms. */
  period: number;
  /** Alarm threshold, tenths of a degree. */
  alarm: number;
}

/** The simulated sensor: tenths of a degree, a deterministic wobble around 21 C. */
function readSensor(n: number): number {
  return 200 + ((n * 37) % 23);
}

function tenths(t: number): string {
  return (t / 10).toFixed(1);
}

export default function multitask(dev: Device): void {
  const rt = dev.rt;
  const stats = new Mutex<Stats>({ samples: 0, last: 0, min: Infinity, max: -Infinity, period: 200, alarm: 215 });
  const readings = new Channel<number>(8);

  // sampler: nap, then read the period under the lock, then send the reading.
  const nap = sleep(rt, 200);
  const sampling = stats.lock();
  const send = readings.send();
  let n = 0;
  let step = 0;
  rt.spawn(pollFn((cx) => {
    for (;;) {
      if (step === 0) {
        if (nap.poll(cx) === PENDING) return PENDING;
        step = 1;
      }
      if (step === 1) {
        const s = sampling.poll(cx);
        if (s === PENDING) return PENDING;
        nap.setDuration(s.period);
        stats.unlock();
        send.set(readSensor(n++));
        step = 2;
      }
      if (send.poll(cx) === PENDING) return PENDING; // back-pressure: status is behind
      step = 0;
    }
  }), 'sampler');

  // status
  const led = dev.led('LED1');
  const next = readings.recv();
  const recording = stats.lock();
  let reading = -1;
  rt.spawn(pollFn((cx) => {
    for (;;) {
      if (reading < 0) {
        const r = next.poll(cx);
        if (r === PENDING) return PENDING;
        reading = r;
      }
      const s = recording.poll(cx);
      if (s === PENDING) return PENDING;
      s.samples++;
      s.last = reading;
      if (reading < s.min) s.min = reading;
      if (reading > s.max) s.max = reading;
      led.set(reading >= s.alarm);
      stats.unlock();
      reading = -1;
    }
  }), 'status');

  // shell
  const con = uart(dev, 'console');
  const buf = new Uint8Array(32);
  const line = con.readLine(buf);
  const reply = con.write();
  const asking = stats.lock();
  let replying = false;
  let command = '';
  rt.spawn(pollFn((cx) => {
    for (;;) {
      if (replying) {
        if (reply.poll(cx) === PENDING) return PENDING;
        replying = false;
      }
      if (command === '') {
        const len = line.poll(cx);
        if (len === PENDING) return PENDING;
        command = len < 0 ? '?' : text(buf, len);
      }
      const s = asking.poll(cx);
      if (s === PENDING) return PENDING;
      reply.set(run(command, s) + '\r\n');
      stats.unlock();
      command = '';
      replying = true;
    }
  }), 'shell');
}

/** The first `len` bytes of `buf` as text, trimmed; '?' when empty. (A loop, not spread: Espruino has no spread.) */
function text(buf: Uint8Array, len: number): string {
  let t = '';
  for (let i = 0; i < len; i++) t += String.fromCharCode(buf[i]!);
  t = t.trim();
  return t === '' ? '?' : t;
}

function isWhole(v: number): boolean {
  return v === v && v % 1 === 0;
}

function run(command: string, s: Stats): string {
  const space = command.indexOf(' ');
  const word = space < 0 ? command : command.slice(0, space);
  const value = space < 0 ? NaN : Number(command.slice(space + 1).trim());
  switch (word) {
    case 'stats':
      return s.samples === 0 ? 'samples 0' : `samples ${s.samples} last ${tenths(s.last)} min ${tenths(s.min)} max ${tenths(s.max)}`;
    case 'period':
      if (!isWhole(value) || value < 50 || value > 5000) return 'error: period takes 50..5000 (ms)';
      s.period = value;
      return 'ok';
    case 'alarm':
      if (!isWhole(value)) return 'error: alarm takes tenths of a degree, e.g. alarm 215';
      s.alarm = value;
      return 'ok';
    default:
      return 'error: unknown command';
  }
}
