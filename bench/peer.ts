// Runs the peer pipeline (../shared/bench/reference.py: scikit-learn TF-IDF, exact cosine top-10, igraph Louvain)
// on a corpus and returns what it prints. It reads plain JSON Lines, so a .gz corpus is decompressed first.

import { execFile } from "node:child_process";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
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
  const { stdout } = await promisify(execFile)(PYTHON, [PEER_SCRIPT, plainPath], { maxBuffer: 1 << 24 });
  const line = stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as PeerResult;
}
