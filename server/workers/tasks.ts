// The tasks worker threads can run, registered by the modules that own them (defineTask): the pool knows a task by
// its name and the URL of its module, which a worker imports, registering the module's tasks there too.

/** A function a worker thread can run on an input that crosses threads (structured clone or shared memory). */
export interface TaskDefinition<I, O> {
  /** Unique among all tasks; names the task in errors. */
  readonly name: string;
  /** The URL of the module that defines the task: a worker imports it to run the task. */
  readonly module: string;
  readonly run: (input: I) => O;
}

const registry = new Map<string, TaskDefinition<never, unknown>>();

/**
 * Registers `run` as the task `name` of the module at `module` (its import.meta.url), in this thread. Call it at the
 * top level of that module, so that importing the module in a worker registers the task there.
 */
export function defineTask<I, O>(module: string, name: string, run: (input: I) => O): TaskDefinition<I, O> {
  const known = registry.get(name);
  if (known !== undefined && known.module !== module)
    throw new Error(`workers: task "${name}" is defined by both ${known.module} and ${module}`);
  const task: TaskDefinition<I, O> = { name, module, run };
  registry.set(name, task as TaskDefinition<never, unknown>);
  return task;
}

/** The modules of every task registered in this thread, for workers to import ahead of their first task. */
export function taskModules(): string[] {
  return [...new Set([...registry.values()].map((task) => task.module))];
}

/** Runs the registered task `name` (its module imported first). */
export async function runRegisteredTask(name: string, module: string, input: unknown): Promise<unknown> {
  if (!registry.has(name)) await import(module);
  const task = registry.get(name);
  if (task === undefined) throw new Error(`workers: ${module} defines no task "${name}"`);
  return task.run(input as never);
}
