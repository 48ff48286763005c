// Every example, built into an init.lua for both NodeMCU boards, passes its
// scenario on real Lua (5.1 for the ESP8266, 5.3 for the ESP32) as its
// TypeScript source does on the same simulated board, and drives the same
// pins and sends the same text as the source at every step of one script.
// The init.lua files are `flagpoll build`'s (build-helpers.ts: the same
// builds build-examples.test.ts checks, from the test build cache).
//
// The scenarios: examples/*.scenario.yaml are written for the Pico. Those
// that name no Pico pin (uart-echo, multitask) are played as they are, with
// their `board:` line left out; blink and button name B2 or BTN1's pressed
// level, so test/fixtures/nodemcu/ has them with LED1 by name and BTN1
// pressed low, the same steps otherwise.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadBoard } from '../../src/boards/load.ts';
import type { BoardId } from '../../src/boards/catalog.ts';
import type { Firmware } from '../../src/device.ts';
import { nodemcuTestBoard } from '../../src/emulator/nodemcu-board.ts';
import { emulatedBoard, parseScenario, runScenario } from '../../src/emulator/scenario.ts';
import type { Scenario } from '../../src/emulator/scenario.ts';
import { testBoard } from '../../src/emulator/test-board.ts';
import type { TestBoard } from '../../src/emulator/test-board.ts';
import { skipWithoutLua } from '../lua/helpers.ts';
import { EXAMPLES, buildExample } from './build-helpers.ts';

const BOARDS = [
  { id: 'nodemcu-esp8266', skip: skipWithoutLua('5.1') },
  { id: 'nodemcu-esp32', skip: skipWithoutLua('5.3') },
] as const;

/** The scenario file for `example` on a NodeMCU board. */
function scenarioFile(example: string): string {
  const port = `test/fixtures/nodemcu/${example}.scenario.yaml`;
  return existsSync(port) ? port : `examples/${example}.scenario.yaml`;
}

function scenarioFor(example: string, board: string): Scenario {
  const file = scenarioFile(example);
  return parseScenario(readFileSync(file, 'utf8').replace(/^board:.*$/m, ''), file, board);
}

async function source(example: string): Promise<Firmware> {
  return ((await import(`../../examples/${example}.ts`)) as { default: Firmware }).default;
}

test('every example with a scenario is covered here', () => {
  const scenarios = readdirSync('examples').filter((f) => f.endsWith('.scenario.yaml')).map((f) => f.slice(0, -'.scenario.yaml'.length));
  assert.deepEqual(scenarios.sort(), [...EXAMPLES].sort());
});

for (const board of BOARDS) {
  for (const example of EXAMPLES) {
    test(`the built ${example} passes its scenario on ${board.id}, as its source does`, { skip: board.skip }, async (t) => {
      const sc = scenarioFor(example, board.id);
      const onHost = runScenario(emulatedBoard(loadBoard(board.id), await source(example)), sc);
      assert.equal(onHost.steps.find((r) => !r.ok)?.message, undefined, 'the scenario holds on the source');
      const built = (await buildExample(example, board.id)).written[0]!;
      const started = performance.now();
      const tb = nodemcuTestBoard(built, board.id);
      try {
        const result = runScenario(tb, sc);
        t.diagnostic(`${sc.steps.length} steps played on Lua in ${(performance.now() - started).toFixed(0)} ms of wall time`);
        assert.equal(result.steps.find((r) => !r.ok)?.message, undefined);
        assert.ok(result.ok);
        assert.deepEqual(tb.firmware.errors, []);
      } finally {
        tb.close();
      }
    });
  }
}

/** One script for every example: time, presses (one a bounce), lines and commands. Answers a snapshot per step. */
function script(b: TestBoard): string[] {
  const con = b.uart('console');
  const snaps: string[] = [];
  const steps: (() => void)[] = [
    () => b.advance(260),
    () => b.press('BTN1', 70),
    () => con.send('stats\r\n'),
    () => b.advance(90),
    () => b.press('BTN1', 6), // a bounce: shorter than the examples' 20 ms debounce
    () => con.send('alarm 200\nperiod 100\r'),
    () => b.advance(1100),
    () => con.send('y'.repeat(66) + '\r\nstats\n'),
    () => b.advance(300),
  ];
  for (const step of steps) {
    step();
    snaps.push(`${b.now} ${b.level('LED1')} ${JSON.stringify(con.output())}`);
  }
  return snaps;
}

for (const board of BOARDS) {
  for (const example of EXAMPLES) {
    test(`the built ${example} on ${board.id} drives the same pins and sends the same text as its source, step by step`, { skip: board.skip }, async () => {
      const built = nodemcuTestBoard((await buildExample(example, board.id)).written[0]!, board.id as BoardId);
      try {
        const host = testBoard(board.id as BoardId, await source(example), { trace: false });
        assert.deepEqual(script(built), script(host));
        assert.deepEqual(built.pinHistory('LED1'), host.pinHistory('LED1'));
        for (const uart of Object.keys(built.board.uarts)) assert.equal(built.sim.transmitted(uart), host.sim.transmitted(uart), uart);
        assert.deepEqual(built.sim.reports, []);
      } finally {
        built.close();
      }
    });
  }
}

test('flagpoll emulate plays a scenario on a built init.lua: exit 0 when every step holds, 1 at the first that does not', { skip: BOARDS[0].skip }, async () => {
  const built = (await buildExample('blink', 'nodemcu-esp8266')).written[0]!;
  const play = (scenario: string) => spawnSync(process.execPath, ['bin/flagpoll.js', 'emulate', built, '--board', 'nodemcu-esp8266', '--scenario', scenario], { encoding: 'utf8' });
  const ok = play('test/fixtures/nodemcu/blink.scenario.yaml');
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.equal(ok.stdout.trimEnd().split('\n').at(-1), 'passed: 10 step(s) in 2.500 s of virtual time');
  const bad = play('test/fixtures/nodemcu/button.scenario.yaml'); // blink's LED is lit from the start
  assert.equal(bad.status, 1, bad.stderr);
  assert.deepEqual(bad.stdout.trimEnd().split('\n').slice(1), [
    'FAIL   1 expect-led LED1 off @ 0.000 s',
    '         step 1 (expect-led) at line 6: expected LED1 off; it was on',
    'FAILED at step 1 of 16 (test/fixtures/nodemcu/button.scenario.yaml:6)',
  ]);
});
