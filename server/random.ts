// Seeded pseudo-random numbers (mulberry32), so that every random choice of a build is reproducible.

export type Rng = () => number;

/**
 * `skip`: start as if `skip` numbers had been drawn already (mulberry32's state only advances by a constant, so a
 * worker can draw its own part of a long sequence and the parts join into the sequence one generator gives).
 */
export function createRng(seed: number, skip = 0): Rng {
  let state = ((seed >>> 0) + Math.imul(skip, 0x6d2b79f5)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
