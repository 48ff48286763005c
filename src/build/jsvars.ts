// What things cost in JsVars, Espruino's unit of memory.
//
// Read from Espruino's own sources (src/jsutils.h, src/jsvar.h, jsvar.c,
// jsparse.c, jslex.c, jsinteractive.c), not measured on a chip:
//
// - A JsVar is 12 to 16 bytes. The size follows the board's variable count,
//   which fixes the width of a reference (jsutils.h): up to 2,047 vars 12
//   bytes, up to 8,191 13 bytes (Pico 5,100, Puck.js 2,630), up to 16,383 14
//   bytes (ESP32), above that 16.
// - A string's first JsVar holds 4 + 3*refbits/8 characters (8 on a Pico) and
//   each extension JsVar 4 + (3*refbits + countbits)/8 (9 on a Pico). A flat
//   string (one header JsVar, then the characters packed into whole JsVars) is
//   used past 17 characters where contiguous memory is free.
// - A property is a name JsVar (4 characters in it, extensions for longer
//   names) pointing at a value JsVar; an integer value lives inside a name of
//   up to 4 characters, as does an index's integer or boolean.
// - A function defined while running from RAM keeps a copy of its body text
//   (a flat string), a link to its scope, and a name per parameter; a closure
//   nested two or more functions deep keeps a copy of the scope chain (an
//   array). Every instance copies the text again.
// - The REPL collects a statement in a normal string, copies it (trimming),
//   then runs it: an uploaded program that is one statement exists twice as
//   text before any of it runs.

/** The cost parameters of one Espruino build, from its variable count. */
export interface JsVarModel {
  /** sizeof(JsVar), bytes. */
  varBytes: number;
  /** Characters in a string's first JsVar. */
  firstChars: number;
  /** Characters in each extension JsVar. */
  extChars: number;
  /** Characters of a property name held in its name JsVar. */
  nameChars: number;
}

/** The model for a board with `jsVars` variables (jsutils.h's table, 32-bit chips). */
export function modelFor(jsVars: number): JsVarModel {
  const [refBits, countBits, packBits] =
    jsVars <= 254 ? [8, 6, 8] : jsVars <= 1023 ? [10, 6, 2] : jsVars <= 2047 ? [11, 4, 0] : jsVars <= 4095 ? [12, 8, 0]
      : jsVars <= 8191 ? [13, 4, 0] : jsVars <= 16383 ? [14, 8, 0] : [16, 8, 0];
  const nameChars = 4;
  const firstChars = nameChars + ((refBits * 3 + packBits) >> 3);
  const extChars = nameChars + ((refBits * 3 + packBits + countBits) >> 3);
  // 4 bytes of data, 4 references and a reference count, 2 bytes of flags.
  // (16-bit references: 15 bytes, padded to 16.)
  const varBytes = refBits === 16 ? 16 : nameChars + Math.ceil((refBits * 4 + packBits + countBits) / 8) + 2;
  return { varBytes, firstChars, extChars, nameChars };
}

/** A string of `chars` characters built piece by piece (a value, the REPL's input line). */
export function stringVars(m: JsVarModel, chars: number): number {
  return chars <= m.firstChars ? 1 : 1 + Math.ceil((chars - m.firstChars) / m.extChars);
}

/** A string of `chars` characters made at once: flat past the break-even length (jslex.c). */
export function textVars(m: JsVarModel, chars: number): number {
  if (chars <= m.firstChars + m.extChars) return stringVars(m, chars);
  return 1 + Math.ceil(chars / m.varBytes);
}

/** A property name of `chars` characters (an index: 1). */
export function nameVars(m: JsVarModel, chars: number): number {
  return chars <= m.nameChars ? 1 : 1 + Math.ceil((chars - m.nameChars) / m.extChars);
}

/** A property: its name, and its value unless the value fits in the name or is counted elsewhere (an object). */
export function propertyVars(m: JsVarModel, name: string, value: unknown): number {
  const isIndex = /^(0|[1-9]\d{0,8})$/.test(name);
  const nameCost = isIndex ? 1 : nameVars(m, name.length);
  switch (typeof value) {
    case 'undefined':
      return nameCost;
    case 'number': {
      const inline = Number.isInteger(value) && Math.abs(value) < 2 ** 31 && (isIndex || name.length <= m.nameChars);
      return nameCost + (inline ? 0 : 1);
    }
    case 'boolean':
      return nameCost + (isIndex ? 0 : 1);
    case 'string':
      return nameCost + stringVars(m, value.length);
    case 'object':
      return nameCost + (value === null ? 1 : 0);
    default:
      return nameCost; // functions and symbols: the value is counted as its own object
  }
}

/** A function instance: itself, its code, its scope link, its parameters. */
export function functionVars(m: JsVarModel, codeChars: number, params: number, scopeDepth: number): number {
  const code = 1 + textVars(m, codeChars); // the code's name JsVar and the text
  const scope = scopeDepth === 0 ? 0 : 1 + (scopeDepth > 1 ? 1 + scopeDepth : 0);
  return 1 + code + scope + params;
}

/** The REPL receiving `chars` characters as one statement: the input line and its trimmed copy. */
export function uploadVars(m: JsVarModel, chars: number): number {
  return 2 * stringVars(m, chars);
}
