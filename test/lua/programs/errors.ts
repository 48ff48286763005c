// What firmware can observe of an Error, on Lua as on the host
// (src/build/lua-errors.ts gives the Lua build a lean Error without a stack
// trace): name, message, String(), instanceof through a subclass, an error
// caught after a throw, an empty message. Prints one line per check.

class AppError extends Error {
  constructor(readonly code: number) {
    super(`failed with ${code}`);
    this.name = 'AppError';
  }
}

const plain = new Error('plain');
console.log(`plain: name=${plain.name} message=${plain.message} text=${String(plain)}`);
const empty = new Error();
console.log(`empty: name=${empty.name} message=[${empty.message}] text=${String(empty)}`);
const range = new RangeError('out of range');
console.log(`range: name=${range.name} text=${String(range)} isError=${range instanceof Error} isRange=${range instanceof RangeError}`);
try {
  throw new AppError(7);
} catch (e) {
  const ok = e instanceof AppError && e instanceof Error && !(e instanceof RangeError);
  console.log(`caught: ${ok} code=${(e as AppError).code} name=${(e as Error).name} text=${String(e)}`);
}
