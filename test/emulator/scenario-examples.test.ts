// Every example's scenario passes, through the function the CLI uses and
// once through the CLI itself.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Firmware } from '../../src/device.ts';
import { playScenario } from '../../src/emulator/scenario.ts';

const scenarios = readdirSync('examples').filter((f) => f.endsWith('.scenario.yaml')).sort();

test('blink, button and uart-echo each have a scenario', () => {
  for (const name of ['blink', 'button', 'uart-echo']) assert.ok(scenarios.includes(`${name}.scenario.yaml`), name);
});

for (const file of scenarios) {
  const example = file.slice(0, -'.scenario.yaml'.length);
  test(`the ${example} scenario passes on its firmware`, async () => {
    const { default: firmware } = (await import(`../../examples/${example}.ts`)) as { default: Firmware };
    // A scenario without `board:` runs on the board the examples are written for.
    const named = /^board:/m.test(readFileSync(`examples/${file}`, 'utf8'));
    const { result } = playScenario(firmware, `examples/${file}`, named ? undefined : 'espruino-pico');
    const failed = result.steps.find((r) => !r.ok);
    assert.equal(failed?.message, undefined);
    assert.ok(result.ok);
  });
}

test('flagpoll emulate --scenario exits 0 and lists each step when every step holds', () => {
  const out = execFileSync('node', ['bin/flagpoll.js', 'emulate', 'examples/blink.ts', '--board', 'espruino-pico', '--scenario', 'examples/blink.scenario.yaml'], { encoding: 'utf8' });
  const lines = out.trimEnd().split('\n');
  assert.equal(lines[0], 'scenario examples/blink.scenario.yaml "LED1 toggles every 500 ms": examples/blink.ts on espruino-pico');
  assert.ok(lines.includes('  ok   3 wait 499ms @ 0.499 s'), out);
  assert.equal(lines.at(-1), 'passed: 11 step(s) in 2.500 s of virtual time');
});
