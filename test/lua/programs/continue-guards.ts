// Loops that continue, on Lua as on the host (src/build/lua-continue.ts turns
// `if (c) continue;` at the top of a body into an `if` around the rest):
// one guard and several, a guard then a break, a guard whose condition has
// a side effect, a `for` whose increment must still run, `for...of`,
// `while`, `do...while`, a local of the body named like the loop variable,
// and a continue nested in an inner `if` (left to TSTL). Prints one line per
// check.

const seen: string[] = [];
for (let i = 0; i < 6; i++) {
  if (i % 2 === 0) continue;
  seen.push(String(i));
}
console.log(`one guard: ${seen.join(',')}`);

const picked: number[] = [];
for (let i = 0; i < 20; i++) {
  if (i % 2 === 0) continue;
  const sq = i * i;
  if (sq % 3 === 0) continue;
  if (sq > 100) break;
  picked.push(sq);
}
console.log(`two guards and a break: ${picked.join(',')}`);

let tests = 0;
const odd = (n: number): boolean => {
  tests++;
  return n % 2 === 1;
};
let sum = 0;
for (const n of [1, 2, 3, 4, 5]) {
  if (odd(n)) continue;
  sum += n;
}
console.log(`side-effect guard in for-of: sum=${sum} tests=${tests}`);

let w = 0;
let kept = 0;
while (w < 10) {
  w++;
  if (w === 3 || w === 7) continue;
  kept++;
}
console.log(`while: w=${w} kept=${kept}`);

let d = 0;
let doKept = 0;
do {
  d++;
  if (d % 3 !== 0) continue;
  doKept += d;
} while (d < 9);
console.log(`do-while: ${doKept}`);

const shadows: number[] = [];
for (let i = 0; i < 4; i++) {
  if (i === 1) continue;
  {
    const i = 100;
    shadows.push(i);
  }
  shadows.push(i);
}
console.log(`body local named like the loop variable: ${shadows.join(',')}`);

const nestedSeen: number[] = [];
for (let i = 0; i < 6; i++) {
  if (i > 1) {
    if (i % 2 === 0) continue;
  }
  nestedSeen.push(i);
}
console.log(`nested continue: ${nestedSeen.join(',')}`);

export {};
