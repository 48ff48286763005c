// README.md shows real files; these tests keep it from drifting away from them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const readme = readFileSync('README.md', 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the task shown in README.md is examples/blink.ts as it is', () => {
  assert.equal(blocks[0], readFileSync('examples/blink.ts', 'utf8'));
});

test('the test shown in README.md is test/examples/readme.test.ts as it is', () => {
  assert.equal(blocks[1], readFileSync('test/examples/readme.test.ts', 'utf8'));
});

test('README.md shows the three commands a new user runs', () => {
  for (const cmd of ['npm install', 'npm start', 'npm test']) assert.ok(readme.includes(cmd), cmd);
});
