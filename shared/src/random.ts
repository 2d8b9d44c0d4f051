/**
 * A small seeded random source for the rules (mulberry32): its whole state is one 32-bit integer, so it can
 * live inside game state and rules stay pure. Same seed, same sequence, on every JavaScript engine.
 */
export interface Rng {
  /** the next integer in [0, 2^32) and the generator state after it */
  next(): number;
  /** a float in [0, 1) */
  float(): number;
  /** an integer in [min, max] */
  int(min: number, max: number): number;
  /** the current state, to store and resume from */
  readonly state: number;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    next,
    float: () => next() / 4294967296,
    int: (min, max) => min + (next() % (max - min + 1)),
    get state() {
      return a;
    },
  };
}

/** FNV-1a hash of a string to 32 bits: turns ids and epochs into seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
