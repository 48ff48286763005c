// A scenario step that does not hold: the run stops there and says which step,
// which line, what was expected and what happened.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { PENDING, pollFn, sleep } from '../../src/index.ts';
import type { Device } from '../../src/index.ts';
import { playScenario } from '../../src/emulator/scenario.ts';
import blink from '../../examples/blink.ts';
import button from '../../examples/button.ts';
import uartEcho from '../../examples/uart-echo.ts';
import { scenarioFile } from './helpers.ts';

const oneBouncedPress = `board: espruino-pico
steps:
  - press: BTN1
  - set-pin: {pin: BTN1, level: 1}
  - wait: 5ms
  - set-pin: {pin: BTN1, level: 0}
  - wait: 100ms
  - expect-serial: {uart: console, text: "press 2\\r\\n"}
  - expect-led: {led: LED1, on: false}
`;

test('a failing step reports its number, line, expectation and what was seen, and later steps do not run', () => {
  const { result } = playScenario(button, scenarioFile(oneBouncedPress));
  assert.equal(result.ok, false);
  assert.deepEqual(result.steps.map((r) => r.ok), [true, true, true, true, true, false]);
  const last = result.steps.at(-1)!;
  assert.equal(last.n, 6);
  assert.equal(last.line, 8);
  assert.equal(last.t, 155);
  assert.equal(last.message, 'step 6 (expect-serial) at line 8: expected console output to contain "press 2\\r\\n"; it was "press 1\\r\\n"');
});

test('pin, LED and exact-output expectations say what they saw', () => {
  const cases: [string, string][] = [
    ['expect-pin: {pin: LED1, level: 0}', 'expected LED1 (B2) at level 0; it was 1'],
    ['expect-led: {led: LED1, on: false}', 'expected LED1 off; it was on'],
    ['expect-serial: {uart: console, text: "x", exact: true}', 'expected console output to be exactly "x"; it was empty'],
    ['expect-no-serial: {uart: console, text: "\\x01"}', ''],
    ['set-pin: {pin: B2, level: 0}', 'B2 (LED1) is an output the firmware drives; set-pin drives inputs'],
  ];
  for (const [step, expected] of cases) {
    const { result } = playScenario(blink, scenarioFile(`board: espruino-pico\nsteps:\n  - wait: 100ms\n  - ${step}\n`));
    if (expected === '') assert.ok(result.ok, step);
    else assert.equal(result.steps[1]!.message, `step 2 (${step.slice(0, step.indexOf(':'))}) at line 4: ${expected}`);
  }
});

test('wait-serial gives up at its timeout and shows the output with control characters escaped', () => {
  const file = scenarioFile(`board: espruino-pico
steps:
  - write-serial: {uart: console, data: "a\\tb\\r"}
  - wait-serial: {uart: console, text: "echo: c", timeout: 20ms}
`);
  const { result } = playScenario(uartEcho, file);
  const r = result.steps[1]!;
  assert.equal(r.ok, false);
  assert.equal(r.t, 20);
  assert.equal(r.message, 'step 2 (wait-serial) at line 4: expected console output to contain "echo: c" within 20ms; it was "echo: a\\tb\\r\\n"');
});

test('wait-serial returns at the instant the text is out, not at its timeout', () => {
  const file = scenarioFile('board: espruino-pico\nsteps:\n  - write-serial: {uart: console, data: "hi\\n"}\n  - wait-serial: {uart: console, text: "echo: hi\\r\\n", timeout: 5s}\n');
  const { result } = playScenario(uartEcho, file);
  assert.ok(result.ok);
  assert.ok(result.steps[1]!.t < 2, `took until ${result.steps[1]!.t} ms`);
});

test('advance-to a time already past fails instead of going back', () => {
  const { result } = playScenario(blink, scenarioFile('board: espruino-pico\nsteps:\n  - wait: 2s\n  - advance-to: 1s\n'));
  assert.equal(result.steps[1]!.message, 'step 2 (advance-to) at line 4: virtual time is already 2.000 s, past 1.000 s');
});

test('a task that throws fails the step during which it threw', () => {
  const crashing = (dev: Device) => {
    const s = sleep(dev.rt, 300);
    dev.rt.spawn(pollFn((cx) => {
      if (s.poll(cx) === PENDING) return PENDING;
      throw new Error('sensor gone');
    }), 'reader');
  };
  const { result } = playScenario(crashing, scenarioFile('board: espruino-pico\nsteps:\n  - wait: 200ms\n  - wait: 200ms\n  - wait: 200ms\n'));
  assert.equal(result.steps.length, 2);
  assert.equal(result.steps[1]!.message, 'step 2 (wait) at line 4: the firmware reported: task "reader" threw: sensor gone');
});

test('flagpoll emulate --scenario exits 1 and prints the failing step with its message', () => {
  const file = scenarioFile(oneBouncedPress);
  const r = spawnSync('node', ['bin/flagpoll.js', 'emulate', 'examples/button.ts', '--board', 'espruino-pico', '--scenario', file], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.deepEqual(lines.slice(-3), [
    'FAIL  6 expect-serial console "press 2\\r\\n" @ 0.155 s',
    '        step 6 (expect-serial) at line 8: expected console output to contain "press 2\\r\\n"; it was "press 1\\r\\n"',
    `FAILED at step 6 of 7 (${file}:8)`,
  ]);
});
