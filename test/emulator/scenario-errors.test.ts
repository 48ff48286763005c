// Malformed scenarios are refused whole, before the firmware starts, with a
// message naming the file, the line and the step.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoardError } from '../../src/boards/load.ts';
import { loadScenario, playScenario, ScenarioError } from '../../src/emulator/scenario.ts';
import { scenarioFile } from './helpers.ts';

/** The ScenarioError message for `text` on `board` (null: the scenario's own), with the file name cut to "F". */
function errorOf(text: string, board: string | null = 'espruino-pico'): string {
  const file = scenarioFile(text);
  try {
    loadScenario(file, board ?? undefined);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    assert.equal(e.file, file);
    return e.message.replace(file, 'F');
  }
  assert.fail('no error');
}

const steps = (...s: string[]) => `steps:\n${s.map((x) => `  - ${x}\n`).join('')}`;

test('an unknown step kind is refused with a did-you-mean and the list of kinds', () => {
  assert.equal(errorOf(steps('wait: 1s', 'pres: BTN1')), 'F:3: step 2: unknown step "pres", did you mean "press"? (steps: wait, advance-to, press, set-pin, write-serial, wait-serial, clear-serial, expect-pin, expect-led, expect-serial, expect-no-serial)');
  assert.match(errorOf(steps('expect_serial: {uart: console, text: a}')), /^F:2: step 1: unknown step "expect_serial", did you mean "expect-serial"\?/);
});

test('bad durations are refused, naming the field', () => {
  assert.equal(errorOf(steps('wait: 2 sec')), 'F:2: step 1 (wait): wait: expected a duration such as 250ms, 2s, 1.5s or a number of ms, got "2 sec"');
  assert.equal(errorOf(steps('wait: -5')), 'F:2: step 1 (wait): wait: expected a duration such as 250ms, 2s, 1.5s or a number of ms, got number -5');
  assert.match(errorOf(steps('press: {pin: BTN1, hold: soon}')), /^F:2: step 1 \(press\): hold: expected a duration/);
  assert.match(errorOf(steps('wait:')), /got nothing$/);
});

test('a pin, LED or button the board lacks is refused, listing what it has', () => {
  assert.equal(errorOf(steps('wait: 1', 'wait: 2', 'press: BTN9')), 'F:4: step 3 (press): board espruino-pico has no button "BTN9" (buttons: BTN1)');
  assert.equal(errorOf(steps('expect-led: {led: LED3, on: true}')), 'F:2: step 1 (expect-led): board espruino-pico has no LED "LED3" (LEDs: LED1, LED2)');
  assert.match(errorOf(steps('set-pin: {pin: Z9, level: 1}')), /^F:2: step 1 \(set-pin\): board espruino-pico has no pin or button "Z9" \(pins: A0, A1, .*, C13; buttons: BTN1\)$/);
  assert.match(errorOf(steps('expect-pin: {pin: LED9, level: 1}')), /has no pin, LED or button "LED9" \(pins: .*; LEDs: LED1, LED2; buttons: BTN1\)$/);
});

test('a UART the board lacks is refused, listing its UARTs', () => {
  assert.equal(errorOf(steps('write-serial: {uart: Serial3, data: "x"}')), 'F:2: step 1 (write-serial): board espruino-pico has no UART "Serial3" (UARTs: console, USB, Serial1, Serial2)');
  assert.equal(errorOf(steps('expect-serial: {uart: Serial1, text: "x"}'), 'nodemcu-esp8266'), 'F:2: step 1 (expect-serial): board nodemcu-esp8266 has no UART "Serial1" (UARTs: console, uart0)');
});

test('invalid YAML is refused with the line the parser stopped at', () => {
  assert.equal(errorOf('steps:\n  - wait: 1s\n  - write-serial: {uart: console, data: "abc}\n'), 'F:3: invalid YAML: Missing closing "quote');
  assert.match(errorOf('steps:\n  - wait: 1s\n  - wait: 2s\n steps: 3\n'), /^F:4: invalid YAML: /);
});

test('missing and unknown fields are refused, listing the fields of the step', () => {
  assert.equal(errorOf(steps('set-pin: {pin: BTN1}')), 'F:2: step 1 (set-pin): missing field "level" (fields of set-pin: pin, level)');
  assert.equal(errorOf(steps('set-pin: {pin: BTN1, levl: 1, level: 1}')), 'F:2: step 1 (set-pin): unknown field "levl", did you mean "level"? (fields of set-pin: pin, level)');
  assert.equal(errorOf(steps('write-serial: "hi"')), 'F:2: step 1 (write-serial): expected a mapping {uart: ..., data: ...}, got "hi"');
});

test('levels other than 0 and 1 are refused', () => {
  assert.equal(errorOf(steps('set-pin: {pin: BTN1, level: high}')), 'F:2: step 1 (set-pin): level: expected 0 or 1, got "high"');
  assert.equal(errorOf(steps('expect-pin: {pin: LED1, level: 2}')), 'F:2: step 1 (expect-pin): level: expected 0 or 1, got number 2');
});

test('a step with its fields beside its kind instead of under it is refused with the fix', () => {
  assert.equal(errorOf('steps:\n  - press: BTN1\n    hold: 200ms\n'), 'F:2: step 1: a step is a mapping with one key, its kind (e.g. "wait: 250ms"), got a mapping with 2 keys ("press", "hold"); indent a step\'s fields under its kind');
});

test('the top level must be a mapping with a non-empty list of steps and known keys', () => {
  assert.match(errorOf('- wait: 1s\n'), /^F:1: a scenario is a mapping with "steps:"/);
  assert.equal(errorOf('step:\n  - wait: 1s\n'), 'F:1: unknown key "step", did you mean "steps"? (a scenario has: board, name, steps)');
  assert.equal(errorOf('name: x\nsteps: []\n'), 'F:2: "steps:" is empty; a scenario needs at least one step');
});

test('the scenario board must be known and agree with the board given', () => {
  assert.equal(errorOf('board: espruino-pico\n' + steps('wait: 1'), 'puck-js'), 'F:1: the scenario is written for board espruino-pico, not puck-js');
  assert.match(errorOf('name: x\nboard: pico\n' + steps('wait: 1'), null), /^F:2: board: unknown board "pico", did you mean "espruino-pico"\?/);
  assert.equal(errorOf(steps('wait: 1'), null), 'F:1: no board: name one with "board:" in the scenario or give --board');
  assert.throws(() => loadScenario(scenarioFile(steps('wait: 1')), 'no-such-board'), BoardError);
});

test('a missing scenario file is refused by name', () => {
  assert.throws(() => loadScenario('nowhere.scenario.yaml', 'espruino-pico'), { name: 'ScenarioError', message: 'nowhere.scenario.yaml: cannot read the scenario: no such file' });
});

test('an error in a late step stops the scenario before the firmware starts', () => {
  let started = false;
  const file = scenarioFile(steps('wait: 1s', 'expect-led: {led: LED1, on: yes}'));
  assert.throws(() => playScenario(() => { started = true; }, file, 'espruino-pico'), /step 2 \(expect-led\): on: expected true or false, got "yes"/);
  assert.equal(started, false);
});
