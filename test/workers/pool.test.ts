// The worker pool on real worker threads, with tasks of a module of its own (as each parallel module registers its
// own): outputs in input order whether inputs are taken as workers free up or dealt out by cost, shared memory
// written by workers, a failing task rejects its run without spoiling the next, a worker imports a task's module
// on demand, and a process with idle workers exits while one waiting for a worker's answer does not exit early.

import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { dealByCost, runTasks, sharedZeros } from "../../server/workers/pool.js";
import { defineTask, taskModules } from "../../server/workers/tasks.js";
import { FAIL_ON_FIVE, SQUARE, SQUARE_INTO } from "../fixtures/workers/tasks.js";

const inputs = Array.from({ length: 12 }, (_, n) => ({ n, spin: (n * 7) % 5 }));
const squares = inputs.map(({ n }) => n * n);

describe("dealByCost", () => {
  it("gives the costliest task first to the least loaded worker", () => {
    expect(dealByCost([5, 1, 4, 2, 3], 2)).toEqual([
      [0, 3, 1],
      [2, 4],
    ]);
    expect(dealByCost([1, 1, 1], 5)).toEqual([[0], [1], [2], [], []]);
    expect(dealByCost([], 2)).toEqual([[], []]);
  });
});

describe("defineTask", () => {
  it("registers a task under its name with its module, which the workers import", () => {
    expect(SQUARE).toMatchObject({
      name: "test-square",
      module: expect.stringMatching(/fixtures\/workers\/tasks\.ts$/),
    });
    expect(SQUARE.run({ n: 3 })).toBe(9);
    expect(taskModules()).toContain(SQUARE.module);
  });

  it("refuses a name another module has taken", () => {
    expect(() => defineTask("file:///elsewhere.ts", "test-square", () => 0)).toThrow(
      /workers: task "test-square" is defined by both file:\/\/\/.*fixtures\/workers\/tasks\.ts and file:\/\/\/elsewhere\.ts/,
    );
  });
});

describe("runTasks", () => {
  it("returns the outputs in input order, taken as workers free up", async () => {
    const done: number[] = [];
    const outputs = await runTasks(SQUARE, inputs, 2, (count) => done.push(count));
    expect(outputs).toEqual(squares);
    expect(done).toEqual(inputs.map((_, i) => i + 1));
  }, 60_000);

  it("returns the outputs in input order when the inputs are dealt out by cost", async () => {
    const outputs = await runTasks(
      SQUARE,
      inputs,
      2,
      undefined,
      inputs.map(({ spin }) => spin),
    );
    expect(outputs).toEqual(squares);
    await expect(runTasks(SQUARE, inputs, 2, undefined, [1, 2])).rejects.toThrow(
      /costs must have one entry per input \(12\), got 2/,
    );
    await expect(runTasks(SQUARE, inputs, 0)).rejects.toThrow(/threads must be an integer >= 1, got 0/);
  }, 60_000);

  it("lets workers write their results into shared memory", async () => {
    const out = sharedZeros(Int32Array, 10);
    const outputs = await runTasks(
      SQUARE_INTO,
      Array.from({ length: 10 }, (_, at) => ({ out, at })),
      2,
    );
    expect(outputs).toEqual(new Array(10).fill(null));
    expect(Array.from(out)).toEqual(Array.from({ length: 10 }, (_, at) => at * at));
  }, 60_000);

  it("rejects a run whose task throws, naming the task, and runs the next one", async () => {
    for (const costs of [undefined, [1, 1, 1, 1, 1, 1]]) {
      const run = runTasks(
        FAIL_ON_FIVE,
        [1, 2, 3, 5, 6, 7].map((n) => ({ n })),
        2,
        undefined,
        costs,
      );
      await expect(run).rejects.toThrow("worker test-fail-on-five: refused 5");
      expect(await runTasks(SQUARE, inputs.slice(0, 3), 2)).toEqual(squares.slice(0, 3));
    }
  }, 60_000);

  it("says so when the module does not define the task in the worker", async () => {
    // Registered here only: the module, imported in the worker, defines no task of this name.
    const stray = defineTask(SQUARE.module, "test-defined-here-only", (n: number) => n);
    await expect(runTasks(stray, [1], 2)).rejects.toThrow(
      /worker test-defined-here-only: workers: .*tasks\.ts defines no task "test-defined-here-only"/,
    );
  }, 60_000);

  it("keeps the process alive while a worker owes an answer, and lets it exit when the workers are idle", async () => {
    const pool = fileURLToPath(new URL("../../server/workers/pool.ts", import.meta.url));
    const tasks = fileURLToPath(new URL("../fixtures/workers/tasks.ts", import.meta.url));
    const script = `
      const { prestartWorkers, runTasks } = await import(${JSON.stringify(pool)});
      const { SQUARE } = await import(${JSON.stringify(tasks)});
      prestartWorkers(2);
      const outputs = await runTasks(SQUARE, [1, 2, 3, 4].map((n) => ({ n, spin: 50 })), 2, undefined, [4, 3, 2, 1]);
      console.log("squares", outputs.join(","));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { timeout: 60_000 },
    );
    expect(stdout.trim()).toBe("squares 1,4,9,16");
  }, 90_000);
});
