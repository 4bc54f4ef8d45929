// Runs the peer pipeline (../shared/bench/reference.py: scikit-learn TF-IDF, exact cosine top-10, igraph Louvain)
// on a corpus and returns what it prints, with the BLAS its numpy loaded (threadpoolctl, Debian's
// python3-threadpoolctl, which python3-sklearn depends on). It reads plain JSON Lines, so a .gz corpus is
// decompressed first.

import { execFile } from "node:child_process";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { createGunzip } from "node:zlib";

export const PEER_SCRIPT = resolve(import.meta.dirname, "../../shared/bench/reference.py");
const PYTHON = "/usr/bin/python3";

export interface PeerResult {
  n: number;
  vocab: number;
  edges: number;
  clusters: number;
  modularity: number;
  seconds: Record<string, number>;
  total_s: number;
  peak_rss_mb: number;
  nmi?: number;
  ari?: number;
  p_at_10?: number;
  /** The BLAS library and kernel the peer's numpy used, as threadpoolctl reports it ("unknown" if it cannot). */
  blas: string;
}

/**
 * A sitecustomize module that reports, at the exit of every Python process that loaded numpy, the BLAS it loaded.
 * NOTE: reported by the process that ran the pipeline, since the peer may re-execute itself with another
 * environment before numpy loads (it drops OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE).
 */
const BLAS_REPORT = `
import atexit, json, sys
def _report_blas():
    if "numpy" not in sys.modules:
        return
    try:
        from threadpoolctl import threadpool_info
        found = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    except ImportError:
        found = []
    sys.stderr.write("topicgraph-peer-blas " + json.dumps(found) + "\\n")
atexit.register(_report_blas)
`;

let reportDirectory: Promise<string> | undefined;

/** A directory holding the BLAS report as sitecustomize.py, for the peer's PYTHONPATH. */
function blasReportDirectory(): Promise<string> {
  reportDirectory ??= mkdtemp(join(tmpdir(), "topicgraph-peer-blas-")).then(async (directory) => {
    await writeFile(join(directory, "sitecustomize.py"), BLAS_REPORT);
    return directory;
  });
  return reportDirectory;
}

/** "openblas 0.3.21, kernel Cooperlake, 2 threads" from threadpoolctl's entries. */
function describeBlas(stderr: string): string {
  const line = /^topicgraph-peer-blas (.*)$/m.exec(stderr);
  if (line === null) return "unknown (no report from the peer's Python)";
  const found = JSON.parse(line[1]) as {
    internal_api?: string;
    version?: string | null;
    architecture?: string;
    num_threads?: number;
  }[];
  if (found.length === 0) return "unknown (threadpoolctl missing or no BLAS loaded)";
  return found
    .map((i) => `${i.internal_api} ${i.version ?? "?"}, kernel ${i.architecture ?? "?"}, ${i.num_threads} threads`)
    .join("; ");
}

/** A plain JSON Lines copy of a corpus the peer can open (the file itself when it is not compressed). */
export async function plainCorpus(path: string): Promise<string> {
  if (!path.endsWith(".gz")) return path;
  const directory = await mkdtemp(join(tmpdir(), "topicgraph-peer-"));
  const plain = join(directory, "corpus.jsonl");
  await pipeline(createReadStream(path), createGunzip(), createWriteStream(plain));
  return plain;
}

export function peerAvailable(): string | null {
  if (!existsSync(PEER_SCRIPT)) return `peer script not found at ${PEER_SCRIPT}`;
  if (!existsSync(PYTHON)) return `${PYTHON} not found (apt-get install python3-sklearn python3-igraph)`;
  return null;
}

export async function runPeer(plainPath: string): Promise<PeerResult> {
  const env = {
    ...process.env,
    PYTHONPATH: [await blasReportDirectory(), process.env.PYTHONPATH].filter(Boolean).join(":"),
  };
  const { stdout, stderr } = await promisify(execFile)(PYTHON, [PEER_SCRIPT, plainPath], { maxBuffer: 1 << 24, env });
  const line = stdout.trim().split("\n").at(-1) ?? "";
  return { ...(JSON.parse(line) as Omit<PeerResult, "blas">), blas: describeBlas(stderr) };
}
