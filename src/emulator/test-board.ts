// testBoard: firmware on a simulated board, driven by a test.
//
//   const b = testBoard('espruino-pico', blink);
//   b.advance(1000);
//   assert.deepEqual(b.pinHistory('LED1'), [...]);
//
// Works under node's test runner and vitest alike: it is plain code, no
// runner hooks. Time is virtual and moves only when the test says.
//
// A TestBoard can also drive a SimBoard whose firmware is not a host Device
// (built Espruino firmware in a sandbox, see espruino-board.ts): pass the
// SimBoard instead of a board. Such a board has no `dev`, trace or duringPoll.

import type { Board } from '../boards/board.ts';
import type { BoardId, ButtonName, LedName, PinName, UartId } from '../boards/catalog.ts';
import { loadBoard } from '../boards/load.ts';
import { Code, FlagpollError } from '../core/errors.ts';
import { Device } from '../device.ts';
import type { Firmware } from '../device.ts';
import { SimBoard } from './sim-board.ts';
import type { PinChange, SimOptions } from './sim-board.ts';

export interface TestBoardOptions extends SimOptions {
  /** Hold time of press(), ms (default 50). */
  holdMs?: number;
}

/** Make a simulated `boardId` (or board) and start `firmware` on it. */
export function testBoard<B extends BoardId>(board: B | Board, firmware?: Firmware<B>, options: TestBoardOptions = {}): TestBoard<B> {
  const b = typeof board === 'string' ? loadBoard(board) : board;
  return new TestBoard<B>(b, firmware, { trace: true, ...options });
}

export class TestBoard<B extends BoardId = BoardId> {
  readonly sim: SimBoard;
  private readonly device: Device<B> | null;
  private readonly holdMs: number;

  /** `board`: make a SimBoard and a Device on it; a SimBoard: drive it as it is, its main loop attached already (no `firmware`). */
  constructor(board: Board | SimBoard, firmware: Firmware<B> | undefined, options: TestBoardOptions) {
    this.holdMs = options.holdMs ?? 50;
    if (board instanceof SimBoard) {
      if (firmware !== undefined) throw new Error('TestBoard: a SimBoard given as it is runs its own firmware; pass no firmware');
      this.sim = board;
      this.device = null;
    } else {
      this.sim = new SimBoard(board, options);
      this.device = new Device<B>(board, this.sim, { tracer: options.trace ? this.sim : null });
      this.sim.attach(this.device.rt);
      if (firmware !== undefined) firmware(this.device);
    }
    this.sim.runPending();
  }

  /** The Device the firmware got. Throws for a board driving firmware that runs elsewhere (built firmware in a sandbox). */
  get dev(): Device<B> {
    if (this.device === null) throw new Error(`TestBoard: this ${this.board.id} runs built firmware, which has no host Device`);
    return this.device;
  }

  get board(): Board {
    return this.sim.board;
  }

  get now(): number {
    return this.sim.time;
  }

  /** Run whatever is ready now, without moving time. */
  runUntilIdle(): void {
    this.sim.runPending();
  }

  advance(ms: number): void {
    this.sim.advance(ms);
  }

  advanceTo(t: number): void {
    this.sim.advanceTo(t);
  }

  /** The board-file pin behind a pin, LED or button name. */
  private ref(name: string): string | number {
    const b = this.board;
    const pinName = b.leds[name]?.pin ?? b.buttons[name]?.pin ?? name;
    const p = b.pins[pinName];
    if (p === undefined) {
      throw new FlagpollError(Code.UnknownPin, b.id, `pin, LED or button "${name}" (pins: ${Object.keys(b.pins).join(', ')}; LEDs: ${Object.keys(b.leds).join(', ')}; buttons: ${Object.keys(b.buttons).join(', ')})`);
    }
    return p.pin;
  }

  /** Drive an input pin (or a button's pin) to `level` now, and run what that wakes. */
  setPin(name: PinName<B> | ButtonName<B>, level: number): void {
    const ref = this.ref(name);
    if (this.sim.pinMode(ref) === 'output') {
      throw new FlagpollError(Code.PinConflict, this.board.id, `pin ${name} is an output of the firmware; a test can drive inputs only`);
    }
    if (level !== 0 && level !== 1) throw new FlagpollError(Code.PinConflict, this.board.id, `pin ${name}: level must be 0 or 1, got ${String(level)}`);
    this.sim.setInput(ref, level);
    this.sim.runPending();
  }

  /** Press a button: pressed level, hold `holdMs` of virtual time, release. */
  press(name: ButtonName<B>, holdMs = this.holdMs): void {
    const btn = this.board.buttons[name];
    if (btn === undefined) throw new FlagpollError(Code.UnknownPin, this.board.id, `button "${name}" (buttons: ${Object.keys(this.board.buttons).join(', ') || 'none'})`);
    const pressed = btn.pressed === 'high' ? 1 : 0;
    this.setPin(name, pressed);
    this.advance(holdMs);
    this.setPin(name, pressed ^ 1);
  }

  /** A pin's level now (LED and button names work too). */
  level(name: PinName<B> | LedName<B> | ButtonName<B>): number {
    return this.sim.pinLevel(this.ref(name));
  }

  /** Whether an LED is lit now. */
  ledOn(name: LedName<B>): boolean {
    const led = this.board.leds[name];
    if (led === undefined) throw new FlagpollError(Code.UnknownPin, this.board.id, `LED "${name}" (LEDs: ${Object.keys(this.board.leds).join(', ') || 'none'})`);
    return this.level(name) === (led.activeLevel === 'high' ? 1 : 0);
  }

  /** Every level an output pin was driven to, with its time. */
  pinHistory(name: PinName<B> | LedName<B>): readonly PinChange[] {
    return this.sim.pinHistory(this.ref(name));
  }

  /** A UART as the other end of the wire sees it. */
  uart(id: UartId<B> | 'console'): { send(data: string | Uint8Array): void; output(): string; clear(): void } {
    const real = id === 'console' ? this.board.console : id;
    if (this.board.uarts[real] === undefined) throw new FlagpollError(Code.UnknownUart, this.board.id, `"${id}" (UARTs: ${Object.keys(this.board.uarts).join(', ')})`);
    const sim = this.sim;
    return {
      send: (data) => {
        sim.send(real, data);
        sim.runPending();
      },
      output: () => sim.transmitted(real),
      clear: () => sim.clearTransmitted(real),
    };
  }

  /** The trace so far (spawn, poll, pending, ready, wake, pend, idle), and start a new one. */
  take(): string[] {
    const t = this.sim.trace ?? [];
    if (this.sim.trace !== null) this.sim.trace = [];
    return t;
  }

  /** Run `fn` (e.g. `() => b.setPin(...)`) while task `task` is being polled next: an interrupt mid-pass. */
  duringPoll(task: string, fn: () => void): void {
    this.sim.duringPoll(task, fn);
  }
}
