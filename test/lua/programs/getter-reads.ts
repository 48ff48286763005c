// Every way a class getter can be read, on Lua as on the host
// (src/build/lua-getters.ts turns getters into plain methods only for classes
// whose every read it sees): through the class's own type, through an
// interface, a structural type, `any`, a type parameter's constraint, a
// string key, destructuring and `in`; fields that hold null read through
// each class. Prints one line per check.

/** Read only through its own type: its getters become methods. */
class Counter {
  private n = 0;
  last: number | null = null;
  get count(): number {
    return this.n;
  }
  get twice(): number {
    return this.count * 2;
  }
  bump(): void {
    this.n++;
    this.last = this.last === null ? 1 : this.last + 1;
  }
}

interface Sized {
  readonly size: number;
}

/** Read through the interface Sized too. */
class Bag implements Sized {
  items = 3;
  get size(): number {
    return this.items;
  }
}

/** Read through a structural type, never named by the class. */
class Box {
  get width(): number {
    return 4;
  }
}

/** Read through `any`. */
class Loose {
  get label(): string {
    return 'loose';
  }
}

/** Read through a type parameter's constraint. */
class Gauge {
  get level(): number {
    return 7;
  }
}

/** Read by a string key. */
class Keyed {
  get code(): number {
    return 9;
  }
}

/** Read by destructuring. */
class Pair {
  get left(): string {
    return 'l';
  }
}

/** Tested with `in`. */
class Probe {
  get found(): boolean {
    return true;
  }
}

function sizeOf(s: Sized): number {
  return s.size;
}

function widthOf(b: { readonly width: number }): number {
  return b.width;
}

function levelOf<T extends { readonly level: number }>(g: T): number {
  return g.level;
}

const c = new Counter();
console.log('counter before: count=' + c.count + ' twice=' + c.twice + ' last=' + (c.last === null ? 'null' : c.last));
c.bump();
c.bump();
console.log('counter after: count=' + c.count + ' twice=' + c.twice + ' last=' + c.last);
const bag = new Bag();
console.log('bag: size=' + bag.size + ' through Sized=' + sizeOf(bag));
console.log('box: width=' + widthOf(new Box()));
const loose: any = new Loose();
console.log('loose: label=' + loose.label);
console.log('gauge: level=' + levelOf(new Gauge()));
const k = new Keyed();
console.log('keyed: code=' + k['code']);
const { left } = new Pair();
console.log('pair: left=' + left);
console.log('probe: found in=' + ('found' in new Probe()));
