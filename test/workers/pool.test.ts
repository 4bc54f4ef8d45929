// The worker pool on real worker threads: outputs in task order whether tasks are taken as workers free up or dealt
// out by cost, a failing task rejects its run without spoiling the next, and a process with idle workers exits
// while one waiting for a worker's answer does not exit early.

import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { scanSlice } from "../../server/text/scan-parallel.js";
import { dealByCost, runTasks, type Task } from "../../server/workers/pool.js";

const documents = Array.from({ length: 12 }, (_, i) => ({
  title: `Paper ${i} on quantization`,
  abstract: `We study ${"low-bit ".repeat(i + 1)}quantization of language models number ${i}.`,
}));
const scanTasks: Task<"scan">[] = documents.map((document) => ({
  kind: "scan",
  input: { documents: [document], titleWeight: 1 },
}));
const expected = documents.map((document) => scanSlice([document], 1));

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

describe("runTasks", () => {
  it("returns the outputs in task order, taken as workers free up", async () => {
    const done: number[] = [];
    const outputs = await runTasks(scanTasks, 2, (count) => done.push(count));
    expect(outputs).toEqual(expected);
    expect(done).toEqual(documents.map((_, i) => i + 1));
  }, 60_000);

  it("returns the outputs in task order when the tasks are dealt out by cost", async () => {
    const outputs = await runTasks(
      scanTasks,
      2,
      undefined,
      documents.map((_, i) => (i * 7) % 5),
    );
    expect(outputs).toEqual(expected);
    await expect(runTasks(scanTasks, 2, undefined, [1, 2])).rejects.toThrow(
      /costs must have one entry per task \(12\), got 2/,
    );
    await expect(runTasks(scanTasks, 0)).rejects.toThrow(/threads must be an integer >= 1, got 0/);
  }, 60_000);

  it("rejects a run whose task throws, and runs the next one", async () => {
    // An edge to a node the cluster does not have: graphology throws inside the worker.
    const broken: Task<"layout-cluster"> = {
      kind: "layout-cluster",
      input: {
        nodes: 2,
        source: Int32Array.of(0),
        target: Int32Array.of(5),
        weight: Float32Array.of(1),
        sizes: Float32Array.of(1, 1),
        iterations: 1,
        seed: 1,
        vectors: null,
        dimensions: 0,
      },
    };
    for (const costs of [undefined, [1, 1, 1, 1]]) {
      const tasks = [scanTasks[0], broken, scanTasks[1], scanTasks[2]] as Task<"scan" | "layout-cluster">[];
      await expect(runTasks(tasks, 2, undefined, costs)).rejects.toThrow(/worker layout-cluster: .*5/);
      expect(await runTasks(scanTasks.slice(0, 3), 2)).toEqual(expected.slice(0, 3));
    }
  }, 60_000);

  it("keeps the process alive while a worker owes an answer, and lets it exit when the workers are idle", async () => {
    const pool = fileURLToPath(new URL("../../server/workers/pool.ts", import.meta.url));
    const script = `
      const { prestartWorkers, runTasks } = await import(${JSON.stringify(pool)});
      prestartWorkers(2);
      const tasks = [0, 1, 2, 3].map((i) => ({ kind: "scan", input: { documents: [{ title: "t" + i, abstract: "graph clustering" }], titleWeight: 1 } }));
      const outputs = await runTasks(tasks, 2, undefined, [4, 3, 2, 1]);
      console.log("scanned", outputs.map((output) => output.surfaces.length).join(","));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        timeout: 60_000,
      },
    );
    expect(stdout.trim()).toBe("scanned 3,3,3,3");
  }, 90_000);
});
