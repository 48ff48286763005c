// Increments, decrements and `+=` / `-=` on properties whose value is used,
// on Lua as on the host (src/build/lua-compound.ts shortens the ones on
// `this` or a local): the value each answers (old for postfix, new for
// prefix and `op=`), the evaluation order around them, and the cases left to
// TSTL (an object with side effects, a string `+=`). Prints one line per check.

const enum Step {
  Two = 2,
}

class Ring {
  items: number[] = [];
  len = 0;
  head = 0;
  label = 'r';

  push(v: number): number {
    this.items[this.len++] = v;
    return this.len;
  }

  pop(): number {
    return this.items[--this.len]!;
  }

  /** The key is evaluated (and `len` bumped) before the right side reads `len`. */
  pushLen(): void {
    this.items[this.len++] = this.len;
  }

  advance(by: number): number {
    return (this.head += by);
  }

  later(): () => number {
    return () => this.head++;
  }
}

const r = new Ring();
console.log(`push: ${r.push(5)} ${r.push(7)} items=${r.items.join(',')}`);
console.log(`pop: ${r.pop()} len=${r.len}`);
r.pushLen();
console.log(`key before value: items=${r.items.join(',')} len=${r.len}`);
console.log(`advance: ${r.advance(3)} ${r.advance(4)} head=${r.head}`);
const tick = r.later();
console.log(`closure postfix: ${tick()} ${tick()} head=${r.head}`);

const o = { st: 3, n: 10 };
console.log(`enum minus: ${(o.st -= Step.Two) === 1} st=${o.st}`);
console.log(`postfix then prefix: ${o.n++} ${++o.n} ${o.n--} ${--o.n} n=${o.n}`);
const k = 5;
console.log(`local operand: ${(o.n -= k)} ${(o.n += k)} n=${o.n}`);
const list = [1, 2];
console.log(`array element: ${list[0]!++} ${++list[1]!} list=${list.join(',')}`);

let calls = 0;
function next(): { n: number } {
  calls++;
  return o;
}
console.log(`object with side effects: ${next().n++} calls=${calls} n=${o.n}`);
console.log(`string plus-equals: ${(r.label += 'x')} ${(r.label += 1)}`);

export {};
