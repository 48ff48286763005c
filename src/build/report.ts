// The size report as people read it (`flagpoll build` without --json).

import { displayPath } from '../boards/board-error.ts';
import type { SizeReport } from './size.ts';

const n = (x: number) => x.toLocaleString('en-US');
const pct = (x: number, of: number) => `${Math.round((x / of) * 100)}%`;

export function formatSizeReport(r: SizeReport, entry: string): string {
  const p = r.parts;
  const s = r.jsvars;
  const lines = [
    `built ${displayPath(entry)} for ${r.board} (espruino), build ${r.build_id}`,
    `  app.js   ${n(r.bytes)} bytes: firmware ${n(p.firmware)}, runtime ${n(p.runtime)}, platform ${n(p.platform)}, board data ${n(p.board)}, generated ${n(p.generated)}`,
    `           runtime share ${(r.runtime_share * 100).toFixed(1)}% (${n(r.runtime_bytes)} bytes are there for any firmware)`,
    `  JsVars   ~${n(r.jsvars_estimate)} of ${n(r.budget_jsvars)} (${pct(r.jsvars_estimate, r.budget_jsvars)}) once started, ~${n(Math.round(r.estimate_bytes / 1024))} KB of ${n(Math.round(r.ram_bytes / 1024))} KB RAM at ${r.jsvar_bytes} bytes each`,
    `           functions ${n(s.functions)} (${n(s.functionCount)} of them, ${n(s.codeChars)} characters of code), scopes ${n(s.scopes)}, objects ${n(s.objects)}, Espruino's records ${n(s.native)}`,
  ];
  if (s.note !== undefined) lines.push(`           (${s.note})`);
  const over = r.upload_peak_jsvars > r.budget_jsvars;
  lines.push(`  upload   through the REPL (\`espruino app.js\`) peaks at ~${n(r.upload_peak_jsvars)} JsVars: the program is one statement, held as text while it runs` +
    (over ? `; more than ${r.board} has` : ''));
  lines.push(`           \`flagpoll flash\` writes it to Storage 1 KB at a time and loads it: peaks at ~${n(r.flash_peak_jsvars)} JsVars`);
  lines.push(`  errors   reported as numbered codes (\`flagpoll E6 16\`: code, then its values); the codes are in ${r.error_codes}`);
  if (r.lowering === 'es5') lines.push('  lowered  to ES5 (classes as functions): the code uses destructuring, spread, rest parameters or computed keys');
  lines.push(`  largest  ${r.sources.slice(0, 4).map((f) => `${f.file} ${n(f.bytes)}`).join(', ')}`);
  for (const f of r.files) lines.push(`  wrote    ${displayPath(f.path)} (${n(f.bytes)} bytes)`);
  return lines.join('\n');
}
