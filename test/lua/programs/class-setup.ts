// Class names and fields initialised to undefined, on Lua as on the host
// (src/build/lua-unnamed-classes.ts drops a class's `name` when nothing reads it;
// src/build/lua-field-nils.ts drops `self.x = nil` when the new instance
// cannot hold `x` yet): names read directly, through a constructor type,
// through a subclass, by a dynamic key, by a decorator; fields set before
// their initialiser runs, by an earlier initialiser or by a base constructor.
// Prints one line per check.

/** Nothing reads its name. */
class Quiet {
  waker: (() => string) | undefined = undefined;
  count = 0;
  last: string | null = null;
}

class Named {}
class Through {
  through = true;
}
class Base {}
class Derived extends Base {}
class Keyed {}

/** A read through a constructor type: every class whose instances are a Through may be `f`. */
function nameOf(f: new () => Through): string {
  return f.name;
}

/** Lua has one nil for both undefined and null. */
const show = (v: unknown): string => (v === undefined || v === null ? 'unset' : String(v));

const q = new Quiet();
console.log(`quiet: ${show(q.waker)} ${q.count} ${show(q.last)}`);
q.waker = () => 'set';
console.log(`quiet set: ${q.waker()} ${show(new Quiet().waker)}`);
console.log(`named: ${Named.name}`);
console.log(`through Function: ${nameOf(Through)}`);
console.log(`subclass: ${Derived.name} base: ${Base.name}`);
const tags: string[] = [];
function tag(target: Function, _context: ClassDecoratorContext): void {
  tags.push(target.name);
}
@tag
class Decorated {}
console.log(`decorated: ${tags.join(',')} ${new Decorated() instanceof Decorated}`);
const key: string = ['na', 'me'].join('');
console.log(`dynamic key: ${(Keyed as unknown as Record<string, string>)[key]}`);

/** An earlier initialiser runs code that sets `x`; the initialiser of `x` then clears it. */
class Early {
  a = this.setX();
  x: number | undefined = undefined;
  setX(): number {
    this.x = 5;
    return 1;
  }
}
console.log(`set by an earlier initialiser: ${show(new Early().x)}`);

/** Default parameter and parameter property before the fields. */
class WithParams {
  cb: (() => void) | undefined = undefined;
  other: number | undefined;
  constructor(readonly id: number, readonly tag = 'none') {}
}
const w = new WithParams(3);
console.log(`with params: ${w.id} ${w.tag} ${show(w.cb)} ${show(w.other)}`);

/** A base constructor sets `x`; the subclass's initialiser clears it. */
class Setter {
  x: number | undefined;
  constructor() {
    this.x = 9;
  }
}
class Clearer extends Setter {
  x: number | undefined = undefined;
}
console.log(`set by the base constructor: ${show(new Clearer().x)}`);

export {};
