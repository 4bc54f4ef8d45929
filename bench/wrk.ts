// wrk (Debian's `wrk`) driven from the benchmarks: a Lua script that cycles through many requests, one run, and its
// figures read from wrk's report.

import { spawn } from "node:child_process";

/** Requests of one kind: a path each (and a body each for POST), asked in turn. */
export interface Scenario {
  name: string;
  method: "GET" | "POST";
  paths: string[];
  /** POST bodies, one per path. */
  bodies?: string[];
}

export interface WrkOptions {
  threads: number;
  connections: number;
}

export interface WrkResult {
  requests: number;
  requestsPerSecond: number;
  /** Bytes received per answer, headers included. */
  bytesPerRequest: number;
  /** Latency percentiles, in ms. */
  p50: number;
  p99: number;
  /** Answers other than 2xx and 3xx. */
  failed: number;
  /** Connection errors and timeouts. */
  socketErrors: number;
}

/** Deterministic shuffle (a fixed LCG), so that every run asks the same things in the same order. */
export function sample<T>(items: readonly T[], count: number): T[] {
  const order = items.map((_, i) => i);
  let state = 12345;
  for (let i = order.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return Array.from({ length: count }, (_, k) => items[order[k % order.length]]);
}

/** A wrk script that sends the scenario's requests in turn, each with `headers`. */
export function luaScript({ method, paths, bodies }: Scenario, headers: Record<string, string>): string {
  const list = (items: string[]) => items.map((p) => `  ${JSON.stringify(p)},`).join("\n");
  const sent = Object.entries({ ...headers, ...(bodies ? { "Content-Type": "application/json" } : {}) })
    .map(([name, value]) => `[${JSON.stringify(name)}] = ${JSON.stringify(value)}`)
    .join(", ");
  return (
    `local paths = {\n${list(paths)}\n}\nlocal bodies = {\n${list(bodies ?? [])}\n}\n` +
    `local headers = { ${sent} }\nlocal n = #paths\nlocal i = 0\n` +
    `request = function()\n  i = i % n + 1\n  return wrk.format("${method}", paths[i], headers, bodies[i])\nend\n`
  );
}

const UNITS: Record<string, number> = {
  us: 0.001,
  ms: 1,
  s: 1000,
  m: 60_000,
  B: 1,
  KB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
};

export function runWrk(url: string, script: string, seconds: number, options: WrkOptions): Promise<WrkResult> {
  const { threads, connections } = options;
  const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, url];
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    child.on("error", (error) =>
      reject(new Error(`bench/wrk: cannot run wrk (${error.message}); install it with apt-get install wrk`)),
    );
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`bench/wrk: wrk exited ${code}:\n${out}`));
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const transfer = /Transfer\/sec:\s+([\d.]+)(B|KB|MB|GB)/.exec(out);
      const requests = /(\d+) requests in/.exec(out);
      const p50 = /\s50%\s+([\d.]+)(us|ms|s|m)\b/.exec(out);
      const p99 = /\s99%\s+([\d.]+)(us|ms|s|m)\b/.exec(out);
      const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
      const socket = /Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)/.exec(out);
      if (!rps || !p50 || !p99) return reject(new Error(`bench/wrk: cannot read wrk's output:\n${out}`));
      const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
      const requestsPerSecond = Number(rps[1]);
      resolve({
        requests: Number(requests?.[1] ?? 0),
        requestsPerSecond,
        bytesPerRequest: transfer ? (Number(transfer[1]) * UNITS[transfer[2]]) / requestsPerSecond : 0,
        p50: Number(p50[1]) * UNITS[p50[2]],
        p99: Number(p99[1]) * UNITS[p99[2]],
        failed: Number(non2xx?.[1] ?? 0),
        socketErrors,
      });
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
