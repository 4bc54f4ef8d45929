// Dense ids for pairs of int32 values (token bigrams, a bigram id and a third token), numbered in the
// order they are first added: an open-addressing hash table over typed arrays.
// NOTE: not a Map keyed by a * 2^22 + b: such keys are beyond the small-integer range, so every look-up would hash a
// heap number, and the vocabulary looks pairs up once per token of the corpus.

export class PairIds {
  /** The pair of each id. */
  private firsts = new Int32Array(1024);
  private seconds = new Int32Array(1024);
  /** id + 1 in each slot, 0 where empty; linear probing, at most half full. */
  private slots = new Int32Array(2048);
  private mask = 2047;
  private count = 0;

  /** The table holding pairs (firsts[i], seconds[i]) with ids i, as `pairs` gives them back. */
  static fromPairs(firsts: ArrayLike<number>, seconds: ArrayLike<number>): PairIds {
    if (firsts.length !== seconds.length) {
      throw new RangeError(`text/pair-ids: ${firsts.length} first and ${seconds.length} second values`);
    }
    const table = new PairIds();
    for (let i = 0; i < firsts.length; i++) {
      if (table.add(firsts[i], seconds[i]) !== i)
        throw new RangeError(`text/pair-ids: pair ${i} (${firsts[i]}, ${seconds[i]}) is repeated`);
    }
    return table;
  }

  get size(): number {
    return this.count;
  }

  /** The id of (a, b), or -1. */
  get(a: number, b: number): number {
    const { slots, firsts, seconds, mask } = this;
    for (let slot = hash(a, b) & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[slot];
      if (stored === 0) return -1;
      const id = stored - 1;
      if (firsts[id] === a && seconds[id] === b) return id;
    }
  }

  /** The id of (a, b), given the next id if the pair is new. */
  add(a: number, b: number): number {
    const { slots, firsts, seconds, mask } = this;
    let slot = hash(a, b) & mask;
    for (; ; slot = (slot + 1) & mask) {
      const stored = slots[slot];
      if (stored === 0) break;
      const id = stored - 1;
      if (firsts[id] === a && seconds[id] === b) return id;
    }
    const id = this.count++;
    if (id === this.firsts.length) this.growIds();
    this.firsts[id] = a;
    this.seconds[id] = b;
    slots[slot] = id + 1;
    if (this.count * 2 > slots.length) this.rehash(slots.length * 2);
    return id;
  }

  first(id: number): number {
    return this.firsts[id];
  }

  second(id: number): number {
    return this.seconds[id];
  }

  /** Every pair, by id. */
  pairs(): { firsts: Int32Array; seconds: Int32Array } {
    return { firsts: this.firsts.slice(0, this.count), seconds: this.seconds.slice(0, this.count) };
  }

  private growIds(): void {
    const firsts = new Int32Array(this.firsts.length * 2);
    const seconds = new Int32Array(this.seconds.length * 2);
    firsts.set(this.firsts);
    seconds.set(this.seconds);
    this.firsts = firsts;
    this.seconds = seconds;
  }

  private rehash(capacity: number): void {
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = hash(this.firsts[id], this.seconds[id]) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** A 32-bit mix of the pair (murmur3's finaliser over a multiplicative combination). */
function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
