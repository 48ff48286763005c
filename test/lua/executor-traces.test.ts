// The executor's behaviour traces on Lua 5.1 and 5.3 are the host's, line for
// line (test/lua/programs/executor-traces.ts; STYLE rule 9).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LUA_VERSIONS } from '../../src/build/lua.ts';
import { program, runOnHost, runOnLua, skipWithoutLua } from './helpers.ts';

const file = program('executor-traces.ts');
const host = runOnHost(file);

test('the host run prints every executor scenario', () => {
  assert.equal(host.split('\n').filter((l) => l.startsWith('== ')).length, 9);
  assert.match(host, /^trace: spawn bad \| pend \| spawn good \| poll bad \| fail bad \| report TaskThrew \| poll good \| pending good \| idle$/m);
});

for (const version of LUA_VERSIONS) {
  test(`executor traces on Lua ${version} are the host's`, { skip: skipWithoutLua(version) }, () => {
    assert.deepEqual(runOnLua(file, version).split('\n'), host.split('\n'));
  });
}
