// Leases on build cache entries, so that no process removes an entry another still serves from: a process holds a
// lease file per entry it uses (<cache>/leases/<key>.<pid>.<random>), renewed by a heartbeat and removed when it
// stops. A lease is live while it was renewed lately and, on this host, while its process is running; a process
// killed without removing its lease leaves one that is dead at once. Also here: the temporary files and folders of
// writers that died mid-write (`.<name>.<pid>.<random>.tmp`), removed at the next start.
// NOTE: a cache directory is one host's: a writer's temporary name carries its pid, not its host.

import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";

export const LEASE_DEFAULTS = {
  /** How often a lease is renewed. */
  renewMs: 10_000,
  /** A lease not renewed for this long is dead (its process hangs or is on another host and gone). */
  staleMs: 60_000,
  /** A temporary name whose pid is running (or reused) is a write in progress for at most this long. */
  temporaryMs: 3_600_000,
} as const;

const LEASES = "leases";
const KEY = /^[0-9a-f]{32}$/;

export interface Lease {
  key: string;
  /** Stops renewing and removes the lease file. */
  release(): Promise<void>;
}

/** Takes a lease on the entry `key` of `directory` (which need not exist yet). */
export async function acquireLease(directory: string, key: string): Promise<Lease> {
  const folder = join(directory, LEASES);
  await mkdir(folder, { recursive: true });
  const path = join(folder, `${key}.${process.pid}.${randomBytes(4).toString("hex")}`);
  const content = JSON.stringify({ pid: process.pid, host: hostname() });
  await writeFile(path, content);
  // NOTE: a renewal that finds the file gone writes it again, but never its folder: a removed cache stays removed.
  const renew = () => {
    const now = new Date();
    utimes(path, now, now).catch(() => writeFile(path, content).catch(() => undefined));
  };
  const timer = setInterval(renew, LEASE_DEFAULTS.renewMs);
  timer.unref();
  let released: Promise<void> | undefined;
  return {
    key,
    release() {
      released ??= (async () => {
        clearInterval(timer);
        await rm(path, { force: true }).catch(() => undefined);
      })();
      return released;
    },
  };
}

/** The keys of the entries of `directory` that a live lease holds; dead leases are removed on the way. */
export async function leasedKeys(directory: string, now = Date.now()): Promise<Set<string>> {
  const folder = join(directory, LEASES);
  const keys = new Set<string>();
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return keys;
  }
  for (const name of names) {
    const key = name.split(".")[0];
    const path = join(folder, name);
    if (KEY.test(key) && (await leaseIsLive(path, now))) keys.add(key);
    else await rm(path, { force: true }).catch(() => undefined);
  }
  return keys;
}

async function leaseIsLive(path: string, now: number): Promise<boolean> {
  try {
    const [info, text] = await Promise.all([stat(path), readFile(path, "utf8")]);
    if (now - info.mtimeMs > LEASE_DEFAULTS.staleMs) return false;
    const { pid, host } = JSON.parse(text) as { pid: unknown; host: unknown };
    return host !== hostname() || (typeof pid === "number" && processIsRunning(pid));
  } catch {
    // A lease being written, or removed meanwhile: live if it was just made.
    const info = await stat(path).catch(() => null);
    return info !== null && now - info.mtimeMs < LEASE_DEFAULTS.renewMs;
  }
}

/** True when a process of this host has the id `pid` (it may belong to another user). */
export function processIsRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** `.<name>.<pid>.<random>.tmp`: a temporary file or folder of a write by process `pid`. */
const TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]+\.tmp$/;

/**
 * Removes the temporary files and folders of dead writers from `directory` and its entries' folders: those whose
 * process is no longer running, and any older than LEASE_DEFAULTS.temporaryMs (the pid was reused). Returns their
 * names.
 */
export async function removeDeadTemporaries(directory: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const sweep = async (folder: string, names: string[]) => {
    for (const name of names) {
      const pid = TEMPORARY.exec(name)?.[1];
      if (pid === undefined || Number(pid) === process.pid) continue;
      const path = join(folder, name);
      const info = await stat(path).catch(() => null);
      if (info === null) continue;
      if (processIsRunning(Number(pid)) && now - info.mtimeMs < LEASE_DEFAULTS.temporaryMs) continue;
      await rm(path, { recursive: true, force: true }).catch(() => undefined);
      removed.push(name);
    }
  };
  const names = await readdir(directory).catch(() => [] as string[]);
  await sweep(directory, names);
  for (const name of names.filter((n) => KEY.test(n))) {
    const entry = join(directory, name);
    await sweep(entry, await readdir(entry).catch(() => [] as string[]));
  }
  return removed;
}

/**
 * Removes an entry's folder: renamed first to a temporary name, so that a reader sees the whole entry or none, then
 * removed (a crash in between leaves a temporary folder that the next start removes).
 */
export async function removeEntry(directory: string, key: string): Promise<void> {
  const doomed = join(directory, `.${key}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await rename(join(directory, key), doomed);
  } catch {
    return;
  }
  await rm(doomed, { recursive: true, force: true });
}
