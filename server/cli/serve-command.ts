// `topicgraph serve <corpus>`: placeholder until the HTTP API lands; says so and exits with code 2.

import type { ParsedValues } from "./args.js";
import { UsageError } from "./args.js";

export async function runServe(_options: { corpus: string; values: ParsedValues }): Promise<number> {
  throw new UsageError("serve is not available yet");
}
