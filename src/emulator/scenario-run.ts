// Running checked scenario steps against firmware on a TestBoard.
//
// Time is virtual and moves only in `wait`, `advance-to`, `press` (by its
// hold) and `wait-serial` (event by event, up to its timeout); every other
// step acts or looks at one instant. A run stops at the first step that does
// not hold, and that step's message says what was expected and what was seen:
//   step 5 (expect-serial) at line 12: expected console output to contain "press 2\r\n"; it was "press 1\r\n"
// A report from the firmware (a task that threw, a full timer queue) fails the
// step during which it was made.

import type { ButtonName, BoardId, LedName } from '../boards/catalog.ts';
import { FlagpollError } from '../core/errors.ts';
import type { TestBoard } from './test-board.ts';
import { assertNever, describeStep, showMs, showText, showTime } from './scenario-step.ts';
import type { Scenario, ScenarioResult, Step, StepResult } from './scenario-step.ts';

/** Names the parser checked against the board; TestBoard's types only know them per board. */
type AnyPin = Parameters<TestBoard['level']>[0];
type AnyUart = Parameters<TestBoard['uart']>[0];

/** How much of a UART's output a failure shows: its end, where the news is. */
const SHOW_CHARS = 200;

/** Run `sc` on `tb`, step by step; `onStep` hears each result as it is made. */
export function runScenario(tb: TestBoard, sc: Scenario, onStep?: (r: StepResult) => void): ScenarioResult {
  const steps: StepResult[] = [];
  let seen = 0; // reports already blamed on a step; those made at start-up go to step 1
  for (const step of sc.steps) {
    let problem: string | null;
    try {
      problem = runStep(tb, step);
    } catch (e) {
      if (!(e instanceof FlagpollError)) throw e;
      problem = `the firmware threw: ${e.message}`;
    }
    const reports = tb.sim.reports;
    if (problem === null && reports.length > seen) problem = `the firmware reported: ${reports.slice(seen).map((r) => r.message).join('; ')}`;
    seen = reports.length;
    const r: StepResult = { n: step.n, line: step.line, kind: step.kind, label: describeStep(step), ok: problem === null, t: tb.now };
    if (problem !== null) r.message = `step ${step.n} (${step.kind}) at line ${step.line}: ${problem}`;
    steps.push(r);
    if (onStep !== undefined) onStep(r);
    if (problem !== null) break;
  }
  return { ok: steps.every((r) => r.ok), steps };
}

/** Do one step; null when it holds, else what went wrong. */
function runStep(tb: TestBoard, s: Step): string | null {
  switch (s.kind) {
    case 'wait':
      tb.advance(s.ms);
      return null;
    case 'advance-to':
      if (s.t < tb.now) return `virtual time is already ${showTime(tb.now)}, past ${showTime(s.t)}`;
      tb.advanceTo(s.t);
      return null;
    case 'press':
      tb.press(s.button as ButtonName<BoardId>, s.holdMs);
      return null;
    case 'set-pin': {
      const ref = pinRef(tb, s.pin);
      if (tb.sim.pinMode(ref) === 'output') return `${pinLabel(tb, s.pin)} is an output the firmware drives; set-pin drives inputs`;
      tb.setPin(s.pin as ButtonName<BoardId>, s.level);
      return null;
    }
    case 'write-serial':
      tb.uart(s.uart as AnyUart).send(s.data);
      return null;
    case 'wait-serial':
      return waitSerial(tb, s.uart, s.text, s.timeoutMs);
    case 'clear-serial':
      tb.uart(s.uart as AnyUart).clear();
      return null;
    case 'expect-pin': {
      const level = tb.level(s.pin as AnyPin);
      return level === s.level ? null : `expected ${pinLabel(tb, s.pin)} at level ${s.level}; it was ${level}`;
    }
    case 'expect-led': {
      const on = tb.ledOn(s.led as LedName<BoardId>);
      return on === s.on ? null : `expected ${s.led} ${s.on ? 'on' : 'off'}; it was ${on ? 'on' : 'off'}`;
    }
    case 'expect-serial': {
      const out = tb.uart(s.uart as AnyUart).output();
      if (s.exact) return out === s.text ? null : `expected ${s.uart} output to be exactly ${showText(s.text)}; it was ${showOutput(out)}`;
      return out.includes(s.text) ? null : `expected ${s.uart} output to contain ${showText(s.text)}; it was ${showOutput(out)}`;
    }
    case 'expect-no-serial': {
      const out = tb.uart(s.uart as AnyUart).output();
      if (s.text === null) return out === '' ? null : `expected no ${s.uart} output; it was ${showOutput(out)}`;
      return out.includes(s.text) ? `expected ${s.uart} output not to contain ${showText(s.text)}; it was ${showOutput(out)}` : null;
    }
    default:
      return assertNever(s);
  }
}

/** Move time event by event (byte times, timers, debounce deadlines) until the text is out or the timeout passes. */
function waitSerial(tb: TestBoard, uart: string, text: string, timeoutMs: number): string | null {
  const u = tb.uart(uart as AnyUart);
  const deadline = tb.now + timeoutMs;
  tb.runUntilIdle();
  while (!u.output().includes(text)) {
    if (tb.now >= deadline) return `expected ${uart} output to contain ${showText(text)} within ${showMs(timeoutMs)}; it was ${showOutput(u.output())}`;
    tb.advanceTo(Math.min(Math.max(tb.sim.nextEvent(), tb.now), deadline));
  }
  return null;
}

/** The board-file pin behind a pin, LED or button name. */
function pinRef(tb: TestBoard, name: string): string | number {
  const b = tb.board;
  const key = b.leds[name]?.pin ?? b.buttons[name]?.pin ?? name;
  return b.pins[key]!.pin;
}

/** "LED1 (B2)", "BTN1 (C13)", "B2 (LED1)" or "A5". */
function pinLabel(tb: TestBoard, name: string): string {
  const b = tb.board;
  const key = b.leds[name]?.pin ?? b.buttons[name]?.pin;
  if (key !== undefined) return `${name} (${key})`;
  const user = Object.keys(b.leds).find((l) => b.leds[l]!.pin === name) ?? Object.keys(b.buttons).find((l) => b.buttons[l]!.pin === name);
  return user === undefined ? name : `${name} (${user})`;
}

function showOutput(out: string): string {
  if (out === '') return 'empty';
  return out.length <= SHOW_CHARS ? showText(out) : `...${showText(out.slice(-SHOW_CHARS))} (last ${SHOW_CHARS} of ${out.length} chars)`;
}
