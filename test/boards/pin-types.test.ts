// Naming a pin, LED or UART the board lacks is a compile error, not a runtime surprise.
//
// Runs the TypeScript compiler on pin-names.typecheck.ts, where each line
// marked to expect an error must be one, and on small firmware snippets.

import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const CHECKED = path.join(here, "pin-names.typecheck.ts");
const SNIPPET = path.join(here, "snippet.virtual.ts");

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root).options;
}

/** Type errors in `file`, or in a virtual file holding `source`, as "line: message". */
function typeErrors(file: string, source?: string): string[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  if (source !== undefined) {
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, lang, ...rest) =>
      path.resolve(name) === file ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
  }
  const program = ts.createProgram({ rootNames: [file], options, host });
  const sf = program.getSourceFile(file);
  return ts.getPreEmitDiagnostics(program, sf).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
}

const IMPORT = `import type * as catalog from "../../src/boards/catalog.ts";\n`;

describe("pin names as types", () => {
  test("the compile-time checks compile, and every expected error occurs", () => {
    assert.deepEqual(typeErrors(CHECKED), []);
  });

  test("naming a pin the Espruino Pico lacks fails to compile", () => {
    const errors = typeErrors(SNIPPET, `${IMPORT}export const led: catalog.PinName<"espruino-pico"> = "B99";\n`);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? "", /^2: Type '"B99"' is not assignable to type 'PinName<"espruino-pico">'/);
  });

  test("an LED, UART or capability the board lacks fails to compile", () => {
    const errors = typeErrors(
      SNIPPET,
      IMPORT +
        `export const a: catalog.LedName<"nodemcu-esp32"> = "LED2";\n` +
        `export const b: catalog.UartId<"nodemcu-esp8266"> = "uart1";\n` +
        `export const c: catalog.PinWith<"nodemcu-esp8266", "irq"> = "D0";\n` +
        `export const ok: catalog.PinWith<"nodemcu-esp8266", "irq"> = "D1";\n`,
    );
    assert.deepEqual(errors.map((e) => e.split(":")[0]), ["2", "3", "4"]);
    assert.match(errors.join("\n"), /'"LED2"'.*\n.*'"uart1"'.*\n.*'"D0"'/);
  });
});
