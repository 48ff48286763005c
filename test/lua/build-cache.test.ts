// The test build cache (build-cache.ts): a hit answers what the build made,
// and any change to what decides a build (a source under src/, a file the
// entry reaches, the settings) is a miss that builds again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileLua } from '../../src/build/lua.ts';
import { ROOT, buildKey, cached, readCached, writeCached } from './build-cache.ts';
import { skipWithoutLua } from './helpers.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'flagpoll-build-cache-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** A repository of its own: src/ and an entry in app/ that imports lib/. */
function repo(): { root: string; entry: string; write: (file: string, text: string) => void } {
  const root = mkdtempSync(path.join(dir, 'repo-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write('src/core/a.ts', 'export const a = 1;\n');
  write('src/targets/lua/shim.lua', '-- shim\n');
  write('lib/b.ts', "export { a } from '../src/core/a.ts';\nexport const b = 2;\n");
  write('app/main.ts', "import { b } from '../lib/b.ts';\nconsole.log(b);\n");
  return { root, entry: path.join(root, 'app/main.ts'), write };
}

test('a build is made once: the second ask answers the stored value without building', () => {
  const cache = path.join(dir, 'once');
  let builds = 0;
  const make = () => ({ code: `built ${++builds}` });
  assert.deepEqual(cached('k', make, cache), { code: 'built 1' });
  assert.deepEqual(cached('k', make, cache), { code: 'built 1' });
  assert.equal(builds, 1);
  assert.deepEqual(readdirSync(cache), ['k.json'], 'no temporary file left beside it');
});

test('an entry that cannot be read is a miss that builds again', () => {
  const cache = path.join(dir, 'torn');
  mkdirSync(cache);
  writeFileSync(path.join(cache, 'k.json'), '{"code": "half');
  assert.equal(readCached('k', cache), undefined);
  assert.deepEqual(cached('k', () => ({ code: 'whole' }), cache), { code: 'whole' });
  assert.deepEqual(readCached('k', cache), { code: 'whole' });
});

test('past the entries it keeps, the cache drops the least recently used', () => {
  const cache = path.join(dir, 'lru');
  mkdirSync(cache);
  const at = (key: string, s: number) => utimesSync(path.join(cache, `${key}.json`), s, s);
  writeCached('a', 1, cache, 2);
  writeCached('b', 2, cache, 2);
  at('a', 1000);
  at('b', 2000);
  assert.equal(readCached('a', cache), 1, 'a read renews a');
  writeCached('c', 3, cache, 2);
  assert.deepEqual(readdirSync(cache).sort(), ['a.json', 'c.json']);
});

test('the key is the same while nothing changes, and changes with any source under src/, a file the entry reaches, or the settings', () => {
  const { root, entry, write } = repo();
  const key = (settings: unknown = { lua: '5.1' }) => buildKey(entry, settings, root);
  const first = key();
  assert.equal(key(), first);
  assert.match(first, /^[0-9a-f]{64}$/);

  const changes: [string, () => void][] = [
    ['a source under src/', () => write('src/core/a.ts', 'export const a = 2;\n')],
    ['a Lua file under src/', () => write('src/targets/lua/shim.lua', '-- shim 2\n')],
    ['a new file under src/', () => write('src/core/c.ts', 'export const c = 3;\n')],
    ['a file the entry imports outside src/', () => write('lib/b.ts', "export { a } from '../src/core/a.ts';\nexport const b = 3;\n")],
    ['the entry', () => write('app/main.ts', "import { b } from '../lib/b.ts';\nconsole.log(b + 1);\n")],
  ];
  const seen = new Set([first]);
  for (const [what, change] of changes) {
    change();
    const k = key();
    assert.ok(!seen.has(k), `${what} changed: a new key`);
    seen.add(k);
  }
  assert.notEqual(key({ lua: '5.3' }), key(), 'the settings');
  write('unrelated/z.ts', 'export const z = 0;\n');
  assert.ok(seen.has(key()), 'a file the entry does not reach, outside src/, is not part of the key');
});

test('compiled Lua from the cache is the text the compile made, and a changed program compiles again', { skip: skipWithoutLua('5.3') }, () => {
  // Under the repository's ignored .flagpoll/, as the builds' generated entries: TSTL compiles what lies under the root.
  mkdirSync(path.join(ROOT, '.flagpoll'), { recursive: true });
  const programs = mkdtempSync(path.join(ROOT, '.flagpoll', 'cache-test-'));
  const cache = path.join(dir, 'lua');
  try {
    const file = path.join(programs, 'p.ts');
    const made: string[] = [];
    const compile = () => cached(buildKey(file, { lua: '5.3' }), () => {
      made.push(compileLua(file, '5.3'));
      return { code: made.at(-1)! };
    }, cache).code;
    writeFileSync(file, 'const xs = [1, 2, 3];\nconsole.log(xs.map((x) => x * 2).join(","));\n');
    const first = compile();
    assert.equal(compile(), first, 'the hit');
    assert.deepEqual(made, [first], 'compiled once');
    writeFileSync(file, 'const xs = [1, 2, 3];\nconsole.log(xs.filter((x) => x > 1).join(","));\n');
    const changed = compile();
    assert.equal(made.length, 2, 'the changed program compiled');
    assert.equal(changed, made[1]);
    assert.match(first, /__TS__ArrayMap/);
    assert.match(changed, /__TS__ArrayFilter/);
    assert.doesNotMatch(changed, /__TS__ArrayMap/);
  } finally {
    rmSync(programs, { recursive: true, force: true });
  }
});
