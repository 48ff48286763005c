// Bundles a TypeScript entry into one script the audit can instrument, with
// the source map that lets sites name their TypeScript lines. A hook can
// rewrite one source file on the way in, which is how the audit is tested
// against itself: inject one allocation into a hot path and see it reported.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';

/** The global the bundle's exports are assigned to. */
export const AUDIT_GLOBAL = '__fpEntry';

export interface BundleOptions {
  /** Return new text for a source file, or undefined to keep it. */
  transformSource?: (file: string, text: string) => string | undefined;
  /** esbuild `define`, e.g. `{ DEBUG: 'false' }`. */
  define?: Record<string, string>;
  /** Directory source paths in the map are relative to (default: the current directory). */
  cwd?: string;
  /**
   * esbuild target, default es2020. Below es2022 esbuild lowers class fields
   * to `__publicField` calls, which allocate a descriptor per field per
   * construction; the audit counts those at the helper's line.
   */
  target?: string;
}

export interface Bundle {
  code: string;
  map: object;
}

export async function bundleForAudit(entry: string, options: BundleOptions = {}): Promise<Bundle> {
  const cwd = options.cwd ?? process.cwd();
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: cwd,
    bundle: true,
    format: 'iife',
    globalName: AUDIT_GLOBAL,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: options.target ?? 'es2020',
    sourcemap: 'external',
    write: false,
    outfile: path.join(cwd, 'flagpoll-audit.js'),
    define: options.define ?? {},
    plugins: options.transformSource ? [transformPlugin(options.transformSource)] : [],
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const map = result.outputFiles.find((f) => f.path.endsWith('.js.map'));
  if (js === undefined || map === undefined) throw new Error(`bundleForAudit: esbuild gave no script or map for ${entry}`);
  return { code: js.text, map: JSON.parse(map.text) as object };
}

function transformPlugin(transform: (file: string, text: string) => string | undefined): Plugin {
  return {
    name: 'flagpoll-audit-transform',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const contents = transform(args.path, text);
        if (contents === undefined) return undefined;
        const ext = path.extname(args.path).replace(/^\.[cm]?/, '');
        const loader = ext === 'tsx' ? 'tsx' : ext === 'jsx' ? 'jsx' : ext === 'ts' ? 'ts' : 'js';
        return { contents, loader, resolveDir: path.dirname(args.path) };
      });
    },
  };
}
