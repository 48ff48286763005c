// instanceof through a class's own Symbol.hasInstance, on Lua as on the host
// (src/build/lua-errors.ts keeps lualib's hasInstance check only in programs
// that name Symbol, as this one does). Prints one line.

class EvenNumber {
  static [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === 'number' && x % 2 === 0;
  }
}

class Ordinary {}

const four: unknown = 4;
const three: unknown = 3;
console.log(`four=${four instanceof EvenNumber} three=${three instanceof EvenNumber} ordinary=${new Ordinary() instanceof Ordinary}`);
