// A small pool of worker threads: runs of a task (tasks.ts; each module defines its own) on many inputs, queued so
// that each worker takes the next one when it is free, or dealt out at once by estimated cost. It knows no domain.

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

import { taskModules, type TaskDefinition } from "./tasks.js";
import type { WorkerMessage } from "./worker.js";

// NOTE: under vitest (and tsx) this module runs from its .ts source, so the worker must too, with tsx as loader.
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const WORKER_URL = new URL(FROM_SOURCE ? "./worker.ts" : "./worker.js", import.meta.url);

/** Threads to use: the machine's cores (TOPICGRAPH_THREADS overrides; 1 runs everything inline). */
export function threadCount(): number {
  const configured = Number(process.env.TOPICGRAPH_THREADS);
  if (Number.isInteger(configured) && configured >= 1) return configured;
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/**
 * Runs `task` on each of `inputs` on up to `threads` workers and returns the outputs in input order. A task that
 * throws rejects the whole run (the other workers are stopped).
 *
 * Without `costs`, each worker takes the next task when it is free, so uneven tasks still balance; but a worker
 * only gets its next task when this thread's event loop runs. With `costs` (an estimate per task), the tasks are
 * dealt out at once, the costliest first to the least loaded worker, and each worker works through its share
 * while this thread is busy with something else.
 */
export async function runTasks<I, O>(
  task: TaskDefinition<I, O>,
  inputs: readonly I[],
  threads = threadCount(),
  onProgress?: (done: number, total: number) => void,
  costs?: readonly number[],
): Promise<O[]> {
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`workers/pool: threads must be an integer >= 1, got ${threads}`);
  if (costs !== undefined && costs.length !== inputs.length) {
    throw new RangeError(`workers/pool: costs must have one entry per input (${inputs.length}), got ${costs.length}`);
  }
  const results = new Array<O>(inputs.length);
  if (inputs.length === 0) return results;
  const workers = Array.from({ length: Math.min(threads, inputs.length) }, () => idle.pop() ?? startWorker());
  let done = 0;
  const run = async (worker: Worker, at: number) => {
    results[at] = (await submit(worker, { name: task.name, module: task.module, input: inputs[at] })) as O;
    onProgress?.(++done, inputs.length);
  };
  let failed = false;
  try {
    if (costs === undefined) {
      let next = 0;
      await Promise.all(
        workers.map(async (worker) => {
          while (next < inputs.length && !failed) await run(worker, next++);
        }),
      );
    } else {
      const shares = dealByCost(costs, workers.length);
      await Promise.all(shares.flatMap((share, w) => share.map((at) => run(workers[w], at))));
    }
  } catch (error) {
    failed = true;
    // A worker that failed may be in any state: none of this run's workers is reused.
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  idle.push(...workers);
  return results;
}

/** Tasks (by index) for each of `workers`: the costliest first, each to the worker with the least cost so far. */
export function dealByCost(costs: readonly number[], workers: number): number[][] {
  const shares: number[][] = Array.from({ length: workers }, () => []);
  const loads = new Float64Array(workers);
  const order = costs.map((_, i) => i).sort((a, b) => costs[b] - costs[a] || a - b);
  for (const at of order) {
    let least = 0;
    for (let w = 1; w < workers; w++) if (loads[w] < loads[least]) least = w;
    shares[least].push(at);
    loads[least] += costs[at];
  }
  return shares;
}

/**
 * Starts the pool's workers ahead of their first task, each importing the modules of the tasks registered so far
 * meanwhile: a caller that has other work first, such as reading a corpus, saves the start-up.
 */
export function prestartWorkers(threads = threadCount()): void {
  if (threads < 2) return;
  const load: WorkerMessage = { load: taskModules() };
  while (idle.length < threads) {
    const worker = startWorker();
    worker.postMessage(load);
    idle.push(worker);
  }
}

/**
 * Workers kept between runs: each new one starts a V8 isolate and imports its task modules again, and a build runs
 * several parallel phases.
 * They are unref'd, so they never keep the process alive.
 */
const idle: Worker[] = [];

function startWorker(): Worker {
  // NOTE: `--import tsx` in a worker's execArgv does not reach its module loader on Node 20; registering tsx's
  // hooks from inside the worker before importing the source does.
  const worker = FROM_SOURCE
    ? new Worker(
        `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); });`,
        { eval: true },
      )
    : new Worker(WORKER_URL);
  // A worker answers its messages in the order they were posted: one queue of waiting callers per worker.
  const waiting: Waiting[] = [];
  queues.set(worker, waiting);
  worker.on("message", (message: { ok: boolean; output?: unknown; error?: string }) => {
    const caller = waiting.shift();
    if (waiting.length === 0) worker.unref();
    if (caller === undefined) return;
    if (message.ok) caller.resolve(message.output);
    else caller.reject(new Error(`worker ${caller.name}: ${message.error}`));
  });
  worker.on("error", (error: Error) => {
    for (const caller of waiting.splice(0)) caller.reject(error);
  });
  worker.on("exit", (code: number) => {
    // A worker that exits while idle (one that failed to load, say) must not be handed the next run's tasks.
    queues.delete(worker);
    if (idle.includes(worker)) idle.splice(idle.indexOf(worker), 1);
    for (const caller of waiting.splice(0)) caller.reject(new Error(`worker ${caller.name}: exited with code ${code}`));
  });
  // Referenced only while it owes answers (submit), so that idle workers never keep the process alive.
  worker.unref();
  return worker;
}

interface Waiting {
  name: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

const queues = new WeakMap<Worker, Waiting[]>();

/** Posts a task to a worker (behind any it has not answered yet) and resolves with its output. */
function submit(worker: Worker, message: WorkerMessage & { name: string }): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const waiting = queues.get(worker);
    if (waiting === undefined) {
      reject(new Error(`worker ${message.name}: the worker has exited`));
      return;
    }
    worker.postMessage(message);
    if (waiting.length === 0) worker.ref();
    waiting.push({ name: message.name, resolve, reject });
  });
}

type SharedArrayType = Int32Array | Float32Array | Float64Array | Uint8Array;

/** A copy of a typed array in shared memory, so that every worker reads it without a copy of its own. */
export function shared<T extends SharedArrayType>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const copy = sharedZeros(array.constructor as SharedArrayConstructor<T>, array.length);
  copy.set(array as never);
  return copy;
}

type SharedArrayConstructor<T> = { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };

/** A zero-filled typed array in shared memory, which workers write their parts of a result into. */
export function sharedZeros<T extends SharedArrayType>(Constructor: SharedArrayConstructor<T>, length: number): T {
  return new Constructor(new SharedArrayBuffer(length * Constructor.BYTES_PER_ELEMENT));
}
