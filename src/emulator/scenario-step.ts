// The steps of a scenario, as checked values, and how they read in reports.
//
// A scenario file (YAML, see scenario-parse.ts) becomes a list of these: each
// step knows its number and its line in the file, names only what its board
// has, and carries durations in ms. Running them (scenario-run.ts) needs no
// more checks, so a typo is reported before the firmware runs at all.

import type { Board } from '../boards/board.ts';

export type PinLevel = 0 | 1;

/** How long `press: BTN1` holds the button, ms (the TestBoard default). */
export const DEFAULT_HOLD_MS = 50;

/** How long `wait-serial` waits when it names no timeout, ms. */
export const DEFAULT_SERIAL_TIMEOUT_MS = 1000;

/** What a step does, by kind. Durations and times are virtual ms. */
export type StepAction =
  | { kind: 'wait'; ms: number }
  | { kind: 'advance-to'; t: number }
  | { kind: 'press'; button: string; holdMs: number }
  | { kind: 'set-pin'; pin: string; level: PinLevel }
  | { kind: 'write-serial'; uart: string; data: string }
  | { kind: 'wait-serial'; uart: string; text: string; timeoutMs: number }
  | { kind: 'clear-serial'; uart: string }
  | { kind: 'expect-pin'; pin: string; level: PinLevel }
  | { kind: 'expect-led'; led: string; on: boolean }
  | { kind: 'expect-serial'; uart: string; text: string; exact: boolean }
  | { kind: 'expect-no-serial'; uart: string; text: string | null };

export type StepKind = StepAction['kind'];

export const STEP_KINDS: readonly StepKind[] = [
  'wait', 'advance-to', 'press', 'set-pin', 'write-serial', 'wait-serial', 'clear-serial',
  'expect-pin', 'expect-led', 'expect-serial', 'expect-no-serial',
];

/** A step with where it came from: its 1-based number in `steps` and its line in the file. */
export type Step = StepAction & { n: number; line: number };

export interface Scenario {
  /** The scenario file, as given. */
  file: string;
  name: string | null;
  /** The board the steps were checked against. */
  board: Board;
  steps: Step[];
}

export interface StepResult {
  n: number;
  line: number;
  kind: StepKind;
  /** The step in a few words: `press BTN1`, `expect-serial console "press 1\r\n"`. */
  label: string;
  ok: boolean;
  /** Virtual time when the step ended, ms. */
  t: number;
  /** Why it failed: `step 5 (expect-serial) at line 12: expected ...; it was ...`. */
  message?: string;
}

export interface ScenarioResult {
  ok: boolean;
  /** The steps run, in order; a run stops at its first failing step. */
  steps: StepResult[];
}

/** A scenario that cannot run: bad YAML, an unknown step or field, a name its board lacks. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    /** 1-based line; 0 when the file could not be read. */
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${reason}`);
    this.name = 'ScenarioError';
  }
}

/** `text` in double quotes with control characters escaped: "press 1\r\n". */
export function showText(text: string): string {
  return '"' + escapeText(text).replace(/"/g, '\\"') + '"';
}

/** `text` with backslashes and control characters escaped: press 1\r\n. */
export function escapeText(text: string): string {
  let s = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) s += '\\n';
    else if (c === 13) s += '\\r';
    else if (c === 9) s += '\\t';
    else if (c === 92) s += '\\\\';
    else if (c < 32 || (c >= 127 && c < 256)) s += '\\x' + c.toString(16).padStart(2, '0');
    else s += text[i];
  }
  return s;
}

/** 250 -> "250ms", 1500 -> "1.5s". */
export function showMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Virtual time as the reports print it: "0.050 s". */
export function showTime(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** The step in a few words, for the list of steps run. */
export function describeStep(s: StepAction): string {
  switch (s.kind) {
    case 'wait':
      return `wait ${showMs(s.ms)}`;
    case 'advance-to':
      return `advance-to ${showTime(s.t)}`;
    case 'press':
      return `press ${s.button}${s.holdMs === DEFAULT_HOLD_MS ? '' : ` (hold ${showMs(s.holdMs)})`}`;
    case 'set-pin':
    case 'expect-pin':
      return `${s.kind} ${s.pin} = ${s.level}`;
    case 'write-serial':
      return `write-serial ${s.uart} ${showText(s.data)}`;
    case 'wait-serial':
      return `wait-serial ${s.uart} ${showText(s.text)}`;
    case 'clear-serial':
      return `clear-serial ${s.uart}`;
    case 'expect-led':
      return `expect-led ${s.led} ${s.on ? 'on' : 'off'}`;
    case 'expect-serial':
      return `expect-serial ${s.uart} ${s.exact ? '== ' : ''}${showText(s.text)}`;
    case 'expect-no-serial':
      return `expect-no-serial ${s.uart}${s.text === null ? '' : ' ' + showText(s.text)}`;
    default:
      return assertNever(s);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
