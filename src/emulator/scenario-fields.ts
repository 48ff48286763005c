// Reading one step's fields out of its YAML node, with the board at hand.
//
// Every check a step needs lives here: which fields it has, durations, levels,
// text, and the names of pins, LEDs, buttons and UARTs, checked against the
// board file. Each failure is a ScenarioError that names the file, the line of
// the field at fault and the step, and lists what the board has, e.g.
//   examples/button.scenario.yaml:7: step 3 (press): board espruino-pico has no button "BTN9" (buttons: BTN1)

import { isMap, isScalar, isSeq } from 'yaml';
import type { LineCounter, Node } from 'yaml';
import type { Board } from '../boards/board.ts';
import { didYouMean } from '../boards/board-error.ts';
import { ScenarioError } from './scenario-step.ts';
import type { PinLevel, StepKind } from './scenario-step.ts';

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/;

/** The 1-based line where `node` starts. */
export function lineOf(lc: LineCounter, node: unknown, fallback: number): number {
  const range = (node as Node | null)?.range;
  return range ? lc.linePos(range[0]).line : fallback;
}

/** A YAML value in a few words, for "got ..." in messages. */
export function showNode(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing';
    return typeof v === 'string' ? JSON.stringify(v) : `${typeof v} ${String(v)}`;
  }
  return 'an alias or tag';
}

/** Reads the fields of step `n`, of kind `kind`, on `board`. */
export class StepReader {
  constructor(
    private readonly file: string,
    private readonly lc: LineCounter,
    private readonly board: Board,
    readonly n: number,
    readonly kind: StepKind,
    readonly line: number,
  ) {}

  /** Throw the step's error, located at `node` (or the step's line). */
  fail(node: unknown, reason: string): never {
    throw new ScenarioError(this.file, lineOf(this.lc, node, this.line), `step ${this.n} (${this.kind}): ${reason}`);
  }

  /** The step's mapping of fields: every `required` one present, nothing but `required` and `optional`. */
  fields(value: unknown, required: readonly string[], optional: readonly string[] = []): Map<string, unknown> {
    const all = [...required, ...optional];
    const example = all.map((f) => `${f}: ...`).join(', ');
    if (!isMap(value)) this.fail(value, `expected a mapping {${example}}, got ${showNode(value)}`);
    const out = new Map<string, unknown>();
    for (const pair of value.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : showNode(pair.key);
      if (!all.includes(key)) this.fail(pair.key, `unknown field "${key}"${didYouMean(key, all)} (fields of ${this.kind}: ${all.join(', ')})`);
      out.set(key, pair.value);
    }
    const missing = required.filter((f) => !out.has(f));
    if (missing.length > 0) this.fail(value, `missing field${missing.length > 1 ? 's' : ''} ${missing.map((f) => `"${f}"`).join(', ')} (fields of ${this.kind}: ${all.join(', ')})`);
    return out;
  }

  /** "250ms", "2s", "1.5s" or a bare number of ms. */
  duration(node: unknown, what: string): number {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    const m = typeof v === 'string' ? DURATION.exec(v.trim()) : null;
    if (m === null) return this.fail(node, `${what}: expected a duration such as 250ms, 2s, 1.5s or a number of ms, got ${showNode(node)}`);
    const n = Number(m[1]);
    return m[2] === 's' ? n * 1000 : n;
  }

  level(node: unknown): PinLevel {
    const v = isScalar(node) ? node.value : undefined;
    if (v === 0 || v === 1) return v;
    return this.fail(node, `level: expected 0 or 1, got ${showNode(node)}`);
  }

  bool(node: unknown, what: string): boolean {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v === 'boolean') return v;
    return this.fail(node, `${what}: expected true or false, got ${showNode(node)}`);
  }

  /** A non-empty string; YAML escapes ("\r\n") already applied. */
  text(node: unknown, what: string): string {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v === 'string' && v !== '') return v;
    if (v === '') return this.fail(node, `${what}: must not be empty`);
    return this.fail(node, `${what}: expected text, got ${showNode(node)}${typeof v === 'number' ? ` (put it in quotes: "${String(v)}")` : ''}`);
  }

  private name(node: unknown, what: string): string {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v === 'string' && v !== '') return v;
    return this.fail(node, `${what}: expected a name, got ${showNode(node)}`);
  }

  private lacks(node: unknown, what: string, name: string, has: string): never {
    return this.fail(node, `board ${this.board.id} has no ${what} "${name}" (${has})`);
  }

  private list(what: string, names: readonly string[]): string {
    return `${what}: ${names.length > 0 ? names.join(', ') : 'none'}`;
  }

  button(node: unknown): string {
    const b = this.name(node, 'pin');
    if (this.board.buttons[b] === undefined) this.lacks(node, 'button', b, this.list('buttons', Object.keys(this.board.buttons)));
    return b;
  }

  led(node: unknown): string {
    const l = this.name(node, 'led');
    if (this.board.leds[l] === undefined) this.lacks(node, 'LED', l, this.list('LEDs', Object.keys(this.board.leds)));
    return l;
  }

  /** A pin or a button's name (what the outside world can drive); with `leds`, an LED's name too. */
  pin(node: unknown, leds: boolean): string {
    const p = this.name(node, 'pin');
    const b = this.board;
    if (b.pins[p] !== undefined || b.buttons[p] !== undefined || (leds && b.leds[p] !== undefined)) return p;
    const has = [this.list('pins', Object.keys(b.pins)), ...(leds ? [this.list('LEDs', Object.keys(b.leds))] : []), this.list('buttons', Object.keys(b.buttons))];
    return this.lacks(node, leds ? 'pin, LED or button' : 'pin or button', p, has.join('; '));
  }

  /** A UART id of the board, or "console". */
  uart(node: unknown): string {
    const u = this.name(node, 'uart');
    if (u !== 'console' && this.board.uarts[u] === undefined) this.lacks(node, 'UART', u, this.list('UARTs', ['console', ...Object.keys(this.board.uarts)]));
    return u;
  }
}
