// Classes with getters on Lua behave as on the host (src/build/lua-descriptors.ts
// rewrites how the Lua build looks their members up): own and inherited
// methods and getters, overrides, subclasses with and without getters of
// their own, fields that hold null (nil in Lua) read and written, setters.
// Prints one line per check.

class Base {
  n = 1;
  slot: number | null = null;
  get double(): number {
    return this.n * 2;
  }
  name(): string {
    return 'base';
  }
  describe(): string {
    return this.name() + ' ' + this.double;
  }
}

class Plain extends Base {
  override name(): string {
    return 'plain';
  }
}

class Sub extends Base {
  m = 10;
  get triple(): number {
    return this.n * 3;
  }
  override get double(): number {
    return this.n * 20;
  }
  override name(): string {
    return 'sub';
  }
}

class SubSub extends Sub {
  override name(): string {
    return 'subsub';
  }
}

class WithSetter {
  private v = 0;
  sets = 0;
  get value(): number {
    return this.v;
  }
  set value(x: number) {
    this.sets++;
    this.v = x;
  }
}

function show(label: string, o: Base): void {
  const s = o.slot === null ? 'null' : String(o.slot);
  console.log(label + ': ' + o.describe() + ' n=' + o.n + ' slot=' + s);
}

const b = new Base();
show('base', b);
b.slot = 4;
b.n = 3;
show('base set', b);
b.slot = null;
show('base cleared', b);
show('plain', new Plain());
const s = new Sub();
show('sub', s);
console.log('sub triple=' + s.triple + ' m=' + s.m);
const ss = new SubSub();
ss.n = 2;
ss.slot = 7;
show('subsub', ss);
console.log('subsub triple=' + ss.triple);
const w = new WithSetter();
w.value = 5;
w.value = w.value + 1;
console.log('setter value=' + w.value + ' sets=' + w.sets);
