// The firmware's types, checked before anything is bundled.
//
// esbuild strips types without reading them, so without this a firmware
// that names a pin its board lacks would build and fail on the chip. The
// checker runs on the entry (and what it imports) with the repository's
// strictness, and then asks one more question the entry alone cannot answer:
// is the board we build for among those the firmware's `Device<B>` accepts?
// (`Device` alone means every board; `Device<'puck-js'>` built for the Pico
// is refused here, naming both.)
//
// Library files and unchanged sources are parsed once per process: a test
// run builds many firmwares against the same runtime.

import { statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { boardIds } from '../boards/load.ts';
import type { BuildDiagnostic } from './diagnostics.ts';

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2020.d.ts'],
  // No @types: firmware has Espruino's globals through flagpoll, not Node's.
  types: [],
  strict: true,
  noEmit: true,
  isolatedModules: true,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
};

const cache = new Map<string, { mtimeMs: number; file: ts.SourceFile }>();

/** Type errors of the firmware `entry`, and whether it may run on board `boardId`. Empty when all is well. */
export function typecheckFirmware(entry: string, boardId: string): BuildDiagnostic[] {
  const host = cachingHost();
  const program = ts.createProgram({ rootNames: [entry], options: OPTIONS, host });
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) return errors.map(toDiagnostic);
  const source = program.getSourceFile(entry);
  if (source === undefined) return [{ code: 'noEntry', file: entry, message: 'cannot read the entry file' }];
  return checkDefaultExport(program.getTypeChecker(), source, boardId);
}

/** The default export must be a function that takes a `Device` of a board set including `boardId`. */
function checkDefaultExport(checker: ts.TypeChecker, source: ts.SourceFile, boardId: string): BuildDiagnostic[] {
  const file = source.fileName;
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const exported = moduleSymbol === undefined ? undefined : checker.getExportsOfModule(moduleSymbol).find((s) => s.escapedName === 'default');
  if (exported === undefined) {
    return [{ code: 'noDefaultExport', file, message: 'has no default export; firmware must `export default function (dev: Device) { ... }`' }];
  }
  const decl = exported.declarations?.[0];
  const line = decl === undefined ? undefined : lineOf(decl);
  const type = checker.getTypeOfSymbol(exported);
  const signatures = type.getCallSignatures();
  if (signatures.length === 0) {
    return [{ code: 'noDefaultExport', file, line, message: `the default export is not a function (it is ${checker.typeToString(type)}); firmware must \`export default function (dev: Device) { ... }\`` }];
  }
  const param = signatures[0]!.getParameters()[0];
  if (param === undefined) return [];
  const paramType = checker.getTypeOfSymbol(param);
  if (paramType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return [];
  const args = isDevice(paramType) ? checker.getTypeArguments(paramType as ts.TypeReference) : [];
  const boards = args[0];
  // A board file outside boards/ (given by path) has no type of its own to check against.
  if (boards === undefined || !boardIds().includes(boardId)) return [];
  if (checker.isTypeAssignableTo(checker.getStringLiteralType(boardId), boards)) return [];
  return [{
    code: 'wrongBoard',
    file,
    line,
    message: `the firmware takes ${checker.typeToString(paramType)}, which does not include board "${boardId}"; write it for Device<'${boardId}'> (or plain Device for every board)`,
  }];
}

function isDevice(type: ts.Type): boolean {
  const symbol = type.getSymbol();
  return symbol !== undefined && symbol.getName() === 'Device' && (type.flags & ts.TypeFlags.Object) !== 0 && ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) !== 0;
}

function lineOf(node: ts.Node): number {
  const sf = node.getSourceFile();
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

function toDiagnostic(d: ts.Diagnostic): BuildDiagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
  if (d.file === undefined || d.start === undefined) return { code: 'typeError', message: `TS${d.code}: ${message}` };
  const { line } = d.file.getLineAndCharacterOfPosition(d.start);
  return { code: 'typeError', file: d.file.fileName, line: line + 1, message: `TS${d.code}: ${message}` };
}

/** The default host, with parsed files kept while their modification time stays. */
function cachingHost(): ts.CompilerHost {
  const host = ts.createCompilerHost(OPTIONS, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const key = path.resolve(fileName);
    let mtimeMs: number;
    try {
      mtimeMs = statSync(key).mtimeMs;
    } catch {
      return read(fileName, languageVersion, onError, shouldCreate);
    }
    const known = cache.get(key);
    if (known !== undefined && known.mtimeMs === mtimeMs) return known.file;
    const file = read(fileName, languageVersion, onError, shouldCreate);
    if (file !== undefined) cache.set(key, { mtimeMs, file });
    return file;
  };
  return host;
}
