// The audit on bundled TypeScript: sites name their TypeScript lines, a test
// can inject an allocation into one file, and reports read well.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { auditEntry, bundleForAudit, formatReport, loadAudited } from '../../src/audit/run.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const hotPath = path.join(fixtures, 'hot-path.ts');
const ringEntry = path.join(fixtures, 'ring-entry.ts');

/** 1-based line and column of `needle` in a fixture. */
function positionOf(file: string, needle: string): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} not in ${file}`);
  return { line: line + 1, column: lines[line]!.indexOf(needle) + 1 };
}

test('a site maps back to the TypeScript line that wrote it', async () => {
  const { code, map } = await bundleForAudit(hotPath);
  const program = loadAudited(code, { map, filename: 'hot-path.bundle.js' });
  program.reset();
  assert.equal(program.exports.makeSlots(100), 4950);
  const [site, ...others] = program.report().sites;
  assert.deepEqual(others, []);
  assert.equal(site?.kind, 'object');
  assert.equal(site?.count, 100);
  assert.ok(site?.source?.file.endsWith('fixtures/hot-path.ts'), site?.source?.file);
  const expected = positionOf(hotPath, '{ index: i }');
  assert.equal(site?.source?.line, expected.line);
  assert.equal(site?.source?.column, expected.column);
});

test('an allocation-free hot path counts nothing', async () => {
  const program = await auditEntry(ringEntry);
  program.reset();
  program.exports.pump(1000);
  assert.equal(program.counts(), 0, formatReport(program.report()));
});

test('transformSource injects code into one file of the bundle', async () => {
  const seen: string[] = [];
  const program = await auditEntry(ringEntry, {
    transformSource: (file, text) => {
      seen.push(path.basename(file));
      return file.endsWith(`${path.sep}ring.ts`) ? text.replace('/* HOT */', 'const probe = [value];') : undefined;
    },
  });
  assert.deepEqual(seen.sort(), ['ring-entry.ts', 'ring.ts']);
  program.reset();
  program.exports.pump(1000);
  const { sites } = program.report();
  assert.equal(sites.length, 1, formatReport(program.report()));
  assert.equal(sites[0]?.kind, 'array');
  assert.equal(sites[0]?.count, 1000);
  assert.ok(sites[0]?.source?.file.endsWith('fixtures/ring.ts'), sites[0]?.source?.file);
  assert.equal(sites[0]?.source?.line, positionOf(path.join(fixtures, 'ring.ts'), '/* HOT */').line);
});

test('define replaces a global when bundling', async () => {
  const plain = await auditEntry(ringEntry);
  const defined = await auditEntry(ringEntry, { define: { LIMIT: '42' } });
  assert.equal(plain.exports.limit, -1);
  assert.equal(defined.exports.limit, 42);
});

test('formatReport prints count, kind, TypeScript location and snippet, worst first', async () => {
  const program = await auditEntry(hotPath);
  program.reset();
  program.exports.makeSlots(3);
  const where = positionOf(hotPath, '{ index: i }');
  const lines = formatReport(program.report()).split('\n');
  assert.equal(lines[0], '3 allocations');
  assert.match(lines[1]!, new RegExp(`^       3  object  \\S*fixtures/hot-path\\.ts:${where.line}:${where.column}  \\{ index: i \\}$`));
});

test('a report on a plain script names the JavaScript line, and top limits the sites shown', () => {
  const code = 'var __fpEntry = { run: function () { for (var i = 0; i < 3; i++) { [i]; [i, i]; } ({}) } }';
  const program = loadAudited(code, { filename: 'app.js' });
  program.reset();
  program.exports.run();
  const report = program.report(1);
  assert.equal(report.total, 7);
  assert.equal(report.sites.length, 1);
  assert.deepEqual(formatReport(report).split('\n'), ['7 allocations (top 1 sites shown: 3)', `       3  array  app.js:1:${code.indexOf('[i]') + 1}  [i]`]);
  program.reset();
  assert.equal(program.counts(), 0);
  assert.deepEqual(program.report().sites, []);
});
