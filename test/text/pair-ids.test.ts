// The pair table behind the vocabulary: ids in first-seen order, look-ups that agree with a Map through many
// rehashes, extreme values, and the round trip through its arrays that the build cache uses.

import { describe, expect, it } from "vitest";

import { PairIds } from "../../server/text/pair-ids.js";

describe("PairIds", () => {
  it("numbers pairs in the order they are first added and finds them again", () => {
    const table = new PairIds();
    expect(table.add(3, 4)).toBe(0);
    expect(table.add(4, 3)).toBe(1);
    expect(table.add(3, 4)).toBe(0);
    expect(table.add(0, 0)).toBe(2);
    expect(table.size).toBe(3);
    expect(table.get(4, 3)).toBe(1);
    expect(table.get(3, 3)).toBe(-1);
    expect([table.first(1), table.second(1)]).toEqual([4, 3]);
  });

  it("agrees with a Map over 200,000 random pairs, across every growth of the table", () => {
    const table = new PairIds();
    const reference = new Map<string, number>();
    let state = 12345;
    const next = (range: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % range;
    };
    for (let i = 0; i < 200_000; i++) {
      // Small ranges give many repeats; the largest int32 values must work too.
      const a = i % 7 === 0 ? 2 ** 31 - 1 - next(50) : next(3000);
      const b = next(3000);
      const key = `${a} ${b}`;
      const expected = reference.get(key) ?? reference.size;
      reference.set(key, expected);
      const id = table.add(a, b);
      if (id !== expected) throw new Error(`add(${a}, ${b}) at step ${i}: ${id}, expected ${expected}`);
    }
    expect(table.size).toBe(reference.size);
    for (const [key, id] of reference) {
      const [a, b] = key.split(" ").map(Number);
      if (table.get(a, b) !== id) throw new Error(`pair ${key}: id ${table.get(a, b)}, expected ${id}`);
      if (table.first(id) !== a || table.second(id) !== b)
        throw new Error(`id ${id}: (${table.first(id)}, ${table.second(id)}), expected (${key})`);
    }
    expect(table.get(3000, 0)).toBe(-1);
  });

  it("is rebuilt from its arrays with the same ids, and refuses a repeated pair", () => {
    const table = new PairIds();
    for (let i = 0; i < 5000; i++) table.add(i % 97, i % 89);
    const { firsts, seconds } = table.pairs();
    expect(firsts.length).toBe(table.size);
    const restored = PairIds.fromPairs(firsts, seconds);
    for (let id = 0; id < table.size; id++) expect(restored.get(firsts[id], seconds[id])).toBe(id);
    expect(() => PairIds.fromPairs([1, 2, 1], [5, 6, 5])).toThrow(/pair 2 \(1, 5\) is repeated/);
  });
});
