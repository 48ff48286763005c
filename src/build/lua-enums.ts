// Numeric enums as numbers in the Lua bundle.
//
// TSTL compiles `enum Code { SpawnBusy = 1, ... }` to a table built at load
// time, two assignments a member (`Code.SpawnBusy = 1` and the reverse
// `Code[1] = "SpawnBusy"`), and every use to a table read with the member's
// name as a string constant in the function that reads it. esbuild inlines
// such members in the Espruino build; this does it on the Lua text: an enum
// whose every use is a member read (`Code.SpawnBusy`, `____errors.Code.X`) has
// each read replaced by its number and its table removed. An enum used any
// other way (`Code[n]`, passed as a value, re-exported, two enums of one
// name) is left as TSTL wrote it. Works on TSTL's unsqueezed bundle.

const HEAD = /^____exports\.(\w+) = ____exports\.\1 or \(\{\}\)$/;

/** The bundle with every enum that is only read member by member inlined (see above). */
export function inlineEnums(code: string): string {
  let lines = code.split('\n');
  const heads = lines.flatMap((l) => l.match(HEAD)?.[1] ?? []);
  for (const name of heads) {
    if (heads.filter((h) => h === name).length > 1) continue;
    lines = inlineEnum(lines, name);
  }
  return lines.join('\n');
}

function inlineEnum(lines: string[], name: string): string[] {
  const own = new RegExp(`^____exports\\.${name}(?: = ____exports\\.${name} or \\(\\{\\}\\)|\\.\\w+ = \\d+|\\[____exports\\.${name}\\.\\w+\\] = "\\w+")$`);
  const values = new Map<string, string>();
  for (const l of lines) {
    const m = l.match(new RegExp(`^____exports\\.${name}\\.(\\w+) = (\\d+)$`));
    if (m !== null) values.set(m[1]!, m[2]!);
  }
  const imported = new RegExp(`^local ${name} = (?:____\\w+|require\\("[^"]+"\\))\\.${name}$`);
  // A read: the enum alone or through a module table, then a member it has.
  const read = new RegExp(`(?<![\\w.])(?:(?:____\\w+|require\\("[^"]+"\\))\\.)?${name}\\.(\\w+)\\b`, 'g');
  const word = new RegExp(`\\b${name}\\b`, 'g');
  for (const l of lines) {
    if (own.test(l) || imported.test(l)) continue;
    const reads = [...l.matchAll(read)];
    if (reads.some((m) => !values.has(m[1]!)) || (l.match(word)?.length ?? 0) !== reads.length) return lines;
  }
  return lines.filter((l) => !own.test(l)).map((l) => (imported.test(l) ? l : l.replace(read, (_all, member: string) => values.get(member)!)));
}
