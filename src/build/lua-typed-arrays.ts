// The typed-array shim (src/targets/lua/typed-arrays.lua) cut to what the
// program names. src/build/lua.ts puts the whole shim in front of every
// chunk: four global constructors and the function making them. A
// constructor no code in the chunk names (`__TS__New(Uint8Array, n)`) goes,
// and the function too once none is left: an empty firmware names none.

const MAKER = 'local function typedArray()';
const CONSTRUCTOR = /^(\w+) = typedArray\(\)$/;

/** `code` without the typed-array constructors no code names (see above). */
export function dropUnusedTypedArrays(code: string): string {
  const lines = code.split('\n');
  // Comments (the shim's own header) name nothing.
  const named = (name: string, at: number) => lines.some((l, i) => i !== at && !/^\s*--/.test(l) && new RegExp(`\\b${name}\\b`).test(l));
  const kept = lines.filter((l, i) => {
    const name = l.match(CONSTRUCTOR)?.[1];
    return name === undefined || named(name, i);
  });
  if (kept.some((l) => CONSTRUCTOR.test(l))) return kept.join('\n');
  const from = kept.indexOf(MAKER);
  if (from < 0) return kept.join('\n');
  const to = kept.indexOf('end', from);
  return [...kept.slice(0, from), ...kept.slice(to + 1)].join('\n');
}
