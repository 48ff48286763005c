// The NodeMCU platform (src/targets/nodemcu/hal.ts) on a scripted chip: a
// test double of a chip file (not a model of NodeMCU: that is the
// emulator's, test/nodemcu/emulate*), whose µs counter moves when the test or
// a task says so, whose posted tasks run when the test runs them, and which
// records every alarm armed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBoard } from '../../src/boards/load.ts';
import type { Board, Pull } from '../../src/boards/board.ts';
import type { PinRef } from '../../src/hal/hal.ts';
import { PENDING } from '../../src/core/poll.ts';
import { Device } from '../../src/device.ts';
import { WRAP_US } from '../../src/targets/nodemcu/clock.ts';
import { NodeMcuHal } from '../../src/targets/nodemcu/hal.ts';
import type { EdgeCallback, NodeMcuModules } from '../../src/targets/nodemcu/hal.ts';
import type { GpioLevels, Level, NodeModule, Timer } from '../../src/targets/nodemcu/nodemcu.d.ts';
import { task } from '../helpers.ts';
import { button } from '../../src/device-input.ts';
import { ticker } from '../../src/time/ticker.ts';
import { uart } from '../../src/device-uart.ts';

/** What the scripted chip did, and its knobs: the µs counter, pin levels, the posted tasks to run. */
class Recorder {
  us = 0;
  readonly posted: (() => void)[] = [];
  readonly alarms: number[] = [];
  alarmCb: (() => void) | null = null;
  readonly printed: string[] = [];
  readonly edges = new Map<number, EdgeCallback>();
  readonly levels = new Map<number, number>();
  /** The console and UART calls, in order, with what was printed between them. */
  readonly calls: string[] = [];
  readonly uartCbs = new Map<number, (data: string) => void>();
  /** NodeMCU's tmr, node and print, recording here. */
  readonly modules: NodeMcuModules;

  constructor() {
    const timer: Timer = {
      alarm: (ms, _mode, cb) => { this.alarms.push(ms); this.alarmCb = () => cb(timer); return true; },
      register: () => {},
      start: () => true,
      stop: () => true,
      unregister: () => {},
    };
    this.modules = {
      tmr: { ALARM_SINGLE: 0, create: () => timer },
      node: {
        task: { LOW_PRIORITY: 0, MEDIUM_PRIORITY: 1, HIGH_PRIORITY: 2, post: ((a: unknown, b?: unknown) => { this.posted.push((b ?? a) as () => void); }) as NodeModule['task']['post'] },
        heap: () => 40000,
        restart: () => {},
      },
      print: (text: string) => { this.printed.push(text); this.calls.push(`print ${text}`); },
    };
  }
  /** Run the posted tasks in order, as NodeMCU's task queue does; answers how many ran. */
  runPosted(max = 100): number {
    let n = 0;
    while (this.posted.length > 0 && n < max) { this.posted.shift()!(); n++; }
    return n;
  }
}

/** The platform on a scripted chip: a chip file whose every call lands in `rec`. */
class ScriptedChip extends NodeMcuHal {
  readonly name = 'ESP8266';
  protected readonly gpio: GpioLevels;
  constructor(private readonly rec: Recorder, board: Board, budgetMs?: number) {
    super(rec.modules, board, 'b1d00001', budgetMs);
    this.gpio = { write: (pin, level) => { rec.levels.set(pin, level); }, read: (pin) => (rec.levels.get(pin) ?? 1) as Level };
  }
  protected micros(): number { return this.rec.us % WRAP_US; }
  output(pin: PinRef, level: number): void { this.rec.levels.set(pin as number, level); }
  protected watchPin(pin: number, _pull: Pull, cb: EdgeCallback): void { this.rec.edges.set(pin, cb); }
  protected openPort(id: number, baud: number, rx: number, tx: number, cb: (data: string) => void): void {
    this.rec.calls.push(`open ${id} ${baud} ${rx} ${tx}`);
    this.rec.uartCbs.set(id, cb);
  }
  protected releaseConsole(id: number, baud: number): void { this.rec.calls.push(`release ${id} ${baud}`); }
  protected send(): void {}
}

function setUp(budgetMs?: number, boardId = 'nodemcu-esp8266') {
  const chip = new Recorder();
  const board = loadBoard(boardId);
  const hal = new ScriptedChip(chip, board, budgetMs);
  const dev = new Device(board, hal);
  hal.attach(dev.rt);
  return { chip, hal, dev };
}

test('a busy task gives the CPU back every 10 ms: each turn posts the next one', () => {
  const { chip, hal, dev } = setUp();
  let polls = 0;
  dev.rt.spawn(task((cx) => { polls++; chip.us += 1000; cx.waker.wakeByRef(); return PENDING; }), 'spin'); // 1 ms a poll, never done
  hal.pend();
  assert.equal(chip.posted.length, 1);
  chip.runPosted(1);
  assert.equal(polls, 12, 'polls until the clock (read every 4) reaches 10 ms');
  assert.equal(chip.posted.length, 1, 'the rest is posted, not run now');
  chip.runPosted(1);
  assert.equal(polls, 24);
  assert.equal(chip.posted.length, 1);
});

test('a turn with nothing left arms one alarm for the next deadline, and re-arms only when it changes', () => {
  const { chip, hal, dev } = setUp();
  const tick = ticker(dev.rt, 250);
  dev.rt.spawn(task((cx) => { while (tick.poll(cx) !== PENDING); return PENDING; }), 'ticking');
  hal.pend();
  chip.runPosted();
  assert.deepEqual(chip.alarms, [250]);
  hal.pend();
  chip.runPosted(); // a turn with the same deadline arms nothing new
  assert.deepEqual(chip.alarms, [250]);
  chip.us = 250_000;
  chip.alarmCb!();
  assert.deepEqual(chip.alarms, [250, 250], 'the ticker\'s next tick armed, 250 ms on');
});

test('with no deadline the alarm still wakes within 20 minutes, so the 31-bit clock is read once per wrap', () => {
  const { chip, hal } = setUp();
  hal.pend();
  chip.runPosted();
  assert.deepEqual(chip.alarms, [20 * 60 * 1000]);
});

test('time on the platform keeps counting through tmr.now()\'s wrap', () => {
  const { chip, hal } = setUp();
  chip.us = WRAP_US - 2000;
  const before = hal.now();
  chip.us = WRAP_US + 3000;
  assert.equal(hal.now() - before, 5);
});

test('an edge is stamped with the interrupt\'s time, and merged interrupts count as edges of alternating level', () => {
  const { chip, hal, dev } = setUp();
  const btn = button(dev, 'BTN1'); // D3, pin 3, pressed low
  const src = btn.input.source;
  chip.us = WRAP_US - 20_000;
  assert.equal(hal.now(), (WRAP_US - 20_000) / 1000); // the platform reads its clock at least every 20 minutes
  chip.us = WRAP_US + 10_000; // after the wrap
  chip.edges.get(3)!(0, WRAP_US - 5_000, 3); // stamped before it; three interrupts merged: down, up, down
  assert.deepEqual([src.falls, src.rises, src.level], [2, 1, 0]);
  assert.equal(src.fallTime, (WRAP_US - 5_000) / 1000);
});

test('a failed task is reported on the console with print', () => {
  const { chip, hal, dev } = setUp();
  dev.rt.spawn(task(() => { throw new Error('sensor gone'); }), 'reader');
  hal.pend();
  chip.runPosted();
  assert.deepEqual(chip.printed, ['flagpoll: task "reader" threw: sensor gone']);
});

test('opening the console UART prints the build id and how to get Lua back, before it takes the console', () => {
  const { chip, dev } = setUp();
  uart(dev, 'console');
  assert.deepEqual(chip.calls, [
    "print flagpoll build b1d00001: uart0 is the firmware's input now; Ctrl-C on uart0 gives it back to Lua",
    'open 0 115200 -1 -1',
  ]);
});

test('a Ctrl-C on the console gives it back to Lua: the bytes before it reach the firmware, none after', () => {
  const { chip, dev } = setUp();
  const con = uart(dev, 'console');
  chip.uartCbs.get(0)!('ab\x03cd');
  assert.equal(chip.calls.at(-1), 'release 0 115200');
  assert.deepEqual([con.tryReadByte(), con.tryReadByte(), con.tryReadByte()], [97, 98, -1]);
});

test('a UART that is not the console prints nothing, and passes Ctrl-C on as data', () => {
  const { chip, dev } = setUp(undefined, 'nodemcu-esp32');
  const u = uart(dev, 'uart2' as never);
  chip.uartCbs.get(2)!('\x03');
  assert.deepEqual(chip.printed, []);
  assert.deepEqual(chip.calls.filter((c) => !c.startsWith('open')), []);
  assert.equal(u.tryReadByte(), 3);
});
