// Espruino's Storage (require("Storage")) on the board that takes uploads:
// files in flash, which survive reset() and load().
//
// Modelled as Espruino 2v29 documents it, for what an upload sends
// (EspruinoTools' "Save on Send": `require("Storage").write(name, chunk, 0,
// size)` then `write(name, chunk, offset)` per 1 KB, then `load()` or
// `load(name)`):
// - write(name, data) replaces the file with `data`;
// - write(name, data, 0, size) makes a file of `size` bytes, 0xFF where not
//   written yet, and writes `data` at 0; write(name, data, offset) writes
//   into that file, refusing bytes past its size or over bytes already
//   written (flash is written once between erases);
// - read(name) answers the file's text, or undefined; erase, list.
// Not here: Storage's free-space accounting, compaction, StorageFile.

export class EspruinoStorage {
  private readonly files = new Map<string, { bytes: Uint8Array }>();

  /** What `require("Storage")` answers on the board. */
  api(): Record<string, unknown> {
    return {
      write: (name: unknown, data: unknown, offset?: unknown, size?: unknown) => this.write(String(name), String(data), offset, size),
      read: (name: unknown) => this.read(String(name)),
      erase: (name: unknown) => void this.files.delete(String(name)),
      list: () => [...this.files.keys()],
    };
  }

  write(name: string, data: string, offset?: unknown, size?: unknown): boolean {
    if (name.length === 0 || name.length > 28) throw new Error(`Storage: invalid file name ${JSON.stringify(name)}`);
    const at = offset === undefined ? 0 : Number(offset);
    if (size !== undefined || offset === undefined) {
      const n = size === undefined ? data.length : Number(size);
      if (!(n >= data.length)) throw new Error(`Storage: ${data.length} bytes do not fit a file of ${n}`);
      this.files.set(name, { bytes: new Uint8Array(n).fill(0xff) });
    }
    const f = this.files.get(name);
    if (f === undefined) throw new Error(`Storage: no file ${JSON.stringify(name)} to write at offset ${at}: the first write gives the size`);
    if (!(at >= 0) || at + data.length > f.bytes.length) throw new Error(`Storage: writing ${data.length} bytes at ${at} goes past the end of ${name} (${f.bytes.length} bytes)`);
    for (let i = 0; i < data.length; i++) {
      if (f.bytes[at + i] !== 0xff) throw new Error(`Storage: byte ${at + i} of ${name} was written already`);
      f.bytes[at + i] = data.charCodeAt(i) & 0xff;
    }
    return true;
  }

  read(name: string): string | undefined {
    const f = this.files.get(name);
    return f === undefined ? undefined : Buffer.from(f.bytes).toString('latin1');
  }
}
