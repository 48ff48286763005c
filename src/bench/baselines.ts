// The other sides of the benchmark, doing the same ping-pong as
// signal-ping-pong.ts: native async/await with Promises, and plain callbacks.

/** A latest-value-wins signal built on Promises, as one would write it with async/await. */
class PromiseSignal<T> {
  private resolve: ((v: T) => void) | null = null;
  private value: T | undefined = undefined;
  private has = false;
  signal(v: T): void {
    const r = this.resolve;
    if (r !== null) {
      this.resolve = null;
      r(v);
      return;
    }
    this.value = v;
    this.has = true;
  }
  wait(): Promise<T> {
    if (this.has) {
      this.has = false;
      return Promise.resolve(this.value as T);
    }
    return new Promise<T>((r) => (this.resolve = r));
  }
}

/** `pairs` pairs of async functions ping-ponging `rounds` times each. Answers the wakes delivered. */
export async function promisePingPong(pairs: number, rounds: number): Promise<number> {
  let wakes = 0;
  const all: Promise<void>[] = [];
  for (let p = 0; p < pairs; p++) {
    const ping = new PromiseSignal<number>();
    const pong = new PromiseSignal<number>();
    all.push((async () => {
      for (let i = 0; i < rounds; i++) {
        ping.signal(i);
        await pong.wait();
      }
    })());
    all.push((async () => {
      for (let i = 0; i < rounds; i++) {
        const v = await ping.wait();
        wakes += 2;
        pong.signal(v);
      }
    })());
  }
  await Promise.all(all);
  return wakes;
}

/**
 * The ceiling: the same exchange as plain function calls through registered
 * callbacks, with no scheduling at all. Answers the wakes delivered.
 */
export function callbackPingPong(pairs: number, rounds: number): number {
  let wakes = 0;
  const onPing: ((v: number) => void)[] = [];
  const onPong: ((v: number) => void)[] = [];
  for (let p = 0; p < pairs; p++) {
    let last = 0;
    onPong.push((v) => {
      last = v;
      wakes++;
    });
    onPing.push((v) => {
      wakes++;
      onPong[p]!(v + last - last);
    });
  }
  for (let i = 0; i < rounds; i++) {
    for (let p = 0; p < pairs; p++) onPing[p]!(i);
  }
  return wakes;
}
