// A scenario file, read and checked whole before anything runs.
//
// Scenario files are written by hand next to the firmware they drive, so a
// mistake in one should read like a compiler error, not a failed step ten
// seconds of virtual time in. The YAML is parsed with `parseDocument` so every
// node keeps its place in the file; then the top level, each step's kind, its
// fields and every name it uses (against the board file) are checked, and the
// first problem is thrown as a ScenarioError naming file, line and step.
//
//   board: espruino-pico        # optional; must match --board when both are given
//   name: two presses           # optional
//   steps:
//     - press: BTN1
//     - wait: 100ms
//     - expect-serial: {uart: console, text: "press 1\r\n"}

import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Board } from '../boards/board.ts';
import { BoardError, didYouMean } from '../boards/board-error.ts';
import { loadBoard } from '../boards/load.ts';
import { lineOf, showNode, StepReader } from './scenario-fields.ts';
import { assertNever, DEFAULT_HOLD_MS, DEFAULT_SERIAL_TIMEOUT_MS, ScenarioError, STEP_KINDS } from './scenario-step.ts';
import type { Scenario, Step, StepAction, StepKind } from './scenario-step.ts';

const TOP_KEYS = ['board', 'name', 'steps'];

/**
 * Parse and check scenario `text` (from `file`, used in messages). `board` is
 * the board to run on (an id or a board file, as `--board` takes it); without
 * it the scenario's own `board:` is used. BoardError from loading `board`
 * passes through; every other problem is a ScenarioError.
 */
export function parseScenario(text: string, file: string, board?: string): Scenario {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const bad = doc.errors[0];
  if (bad !== undefined) {
    // An unclosed quote or bracket is found at the end of the file: blame the last line with text on it.
    const at = Math.max(0, Math.min(bad.pos[0], text.trimEnd().length - 1));
    throw new ScenarioError(file, lc.linePos(at).line, `invalid YAML: ${bad.message}`);
  }
  const top = doc.contents;
  if (!isMap(top)) throw new ScenarioError(file, lineOf(lc, top, 1), `a scenario is a mapping with "steps:" (and optional "board:", "name:"), got ${showNode(top)}`);
  const fields = new Map<string, unknown>();
  for (const pair of top.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : showNode(pair.key);
    if (!TOP_KEYS.includes(key)) throw new ScenarioError(file, lineOf(lc, pair.key, 1), `unknown key "${key}"${didYouMean(key, TOP_KEYS)} (a scenario has: ${TOP_KEYS.join(', ')})`);
    fields.set(key, pair.value);
  }
  const name = fields.get('name');
  if (name !== undefined && !(isScalar(name) && typeof name.value === 'string')) {
    throw new ScenarioError(file, lineOf(lc, name, 1), `name: expected text, got ${showNode(name)}`);
  }
  const b = pickBoard(file, lc, fields.get('board'), board);
  const steps = fields.get('steps');
  if (!isSeq(steps)) throw new ScenarioError(file, lineOf(lc, steps ?? top, 1), `"steps:" must be a list of steps, got ${showNode(steps)}`);
  if (steps.items.length === 0) throw new ScenarioError(file, lineOf(lc, steps, 1), '"steps:" is empty; a scenario needs at least one step');
  const out = steps.items.map((item, i) => parseStep(file, lc, b, item, i + 1));
  return { file, name: isScalar(name) ? String(name.value) : null, board: b, steps: out };
}

/** The board to check against: `--board` when given (the scenario's `board:` must agree), else the scenario's. */
function pickBoard(file: string, lc: LineCounter, node: unknown, given: string | undefined): Board {
  let named: string | undefined;
  if (node !== undefined) {
    if (!isScalar(node) || typeof node.value !== 'string') throw new ScenarioError(file, lineOf(lc, node, 1), `board: expected a board id, got ${showNode(node)}`);
    named = node.value;
  }
  const line = lineOf(lc, node, 1);
  const load = (id: string): Board => {
    try {
      return loadBoard(id);
    } catch (e) {
      if (e instanceof BoardError) throw new ScenarioError(file, line, `board: ${e.reason}`);
      throw e;
    }
  };
  if (given === undefined) {
    if (named === undefined) throw new ScenarioError(file, 1, 'no board: name one with "board:" in the scenario or give --board');
    return load(named);
  }
  const b = loadBoard(given);
  if (named !== undefined && named !== b.id) {
    load(named); // an unknown id reads better as such than as a mismatch
    throw new ScenarioError(file, line, `the scenario is written for board ${named}, not ${b.id}`);
  }
  return b;
}

function parseStep(file: string, lc: LineCounter, board: Board, item: unknown, n: number): Step {
  const line = lineOf(lc, item, 1);
  if (!isMap(item) || item.items.length !== 1) {
    const got = isMap(item) ? `a mapping with ${item.items.length} keys (${item.items.map((p) => showNode(p.key)).join(', ')}); indent a step's fields under its kind` : showNode(item);
    throw new ScenarioError(file, line, `step ${n}: a step is a mapping with one key, its kind (e.g. "wait: 250ms"), got ${got}`);
  }
  const pair = item.items[0]!;
  const key = isScalar(pair.key) ? String(pair.key.value) : showNode(pair.key);
  const kind = STEP_KINDS.find((k) => k === key);
  if (kind === undefined) {
    throw new ScenarioError(file, line, `step ${n}: unknown step "${key}"${didYouMean(key, STEP_KINDS)} (steps: ${STEP_KINDS.join(', ')})`);
  }
  const r = new StepReader(file, lc, board, n, kind, line);
  return { ...readAction(r, kind, pair.value), n, line };
}

function readAction(r: StepReader, kind: StepKind, v: unknown): StepAction {
  switch (kind) {
    case 'wait':
      return { kind, ms: r.duration(v, 'wait') };
    case 'advance-to':
      return { kind, t: r.duration(v, 'advance-to') };
    case 'press': {
      if (isScalar(v)) return { kind, button: r.button(v), holdMs: DEFAULT_HOLD_MS };
      const f = r.fields(v, ['pin'], ['hold']);
      return { kind, button: r.button(f.get('pin')), holdMs: f.has('hold') ? r.duration(f.get('hold'), 'hold') : DEFAULT_HOLD_MS };
    }
    case 'set-pin':
    case 'expect-pin': {
      const f = r.fields(v, ['pin', 'level']);
      return { kind, pin: r.pin(f.get('pin'), kind === 'expect-pin'), level: r.level(f.get('level')) };
    }
    case 'write-serial': {
      const f = r.fields(v, ['uart', 'data']);
      return { kind, uart: r.uart(f.get('uart')), data: r.text(f.get('data'), 'data') };
    }
    case 'wait-serial': {
      const f = r.fields(v, ['uart', 'text'], ['timeout']);
      const timeoutMs = f.has('timeout') ? r.duration(f.get('timeout'), 'timeout') : DEFAULT_SERIAL_TIMEOUT_MS;
      return { kind, uart: r.uart(f.get('uart')), text: r.text(f.get('text'), 'text'), timeoutMs };
    }
    case 'clear-serial':
      return { kind, uart: r.uart(r.fields(v, ['uart']).get('uart')) };
    case 'expect-led': {
      const f = r.fields(v, ['led', 'on']);
      return { kind, led: r.led(f.get('led')), on: r.bool(f.get('on'), 'on') };
    }
    case 'expect-serial': {
      const f = r.fields(v, ['uart', 'text'], ['exact']);
      return { kind, uart: r.uart(f.get('uart')), text: r.text(f.get('text'), 'text'), exact: f.has('exact') && r.bool(f.get('exact'), 'exact') };
    }
    case 'expect-no-serial': {
      const f = r.fields(v, ['uart'], ['text']);
      return { kind, uart: r.uart(f.get('uart')), text: f.has('text') ? r.text(f.get('text'), 'text') : null };
    }
    default:
      return assertNever(kind);
  }
}
