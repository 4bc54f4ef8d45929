// writeFileAtomic: whole-file replacement, directory creation, no temporary files left behind on success or error.

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { writeFileAtomic } from "../../server/io/write-atomic.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "topicgraph-atomic-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("writes a string as UTF-8 and leaves only the target in the directory", async () => {
    const file = join(directory, "graph.gexf");
    await writeFileAtomic(file, "héllo 😀 <&>");
    expect(await readFile(file, "utf8")).toBe("héllo 😀 <&>");
    expect(await readdir(directory)).toEqual(["graph.gexf"]);
  });

  it("writes bytes as given", async () => {
    const file = join(directory, "data.bin");
    const bytes = new Uint8Array([0, 255, 10, 13, 128]);
    await writeFileAtomic(file, bytes);
    expect(new Uint8Array(await readFile(file))).toEqual(bytes);
  });

  it("writes chunks exactly as their concatenation: multi-byte text across buffer boundaries, chunks over 1 MB", async () => {
    const file = join(directory, "graph.json");
    const chunks: string[] = [];
    // About 3 MB of small chunks with 2-, 3- and 4-byte characters, then one chunk of 1.5 MB, then more small ones.
    for (let i = 0; i < 60_000; i++) chunks.push(`{"id":${i},"t":"é€😀 ${"x".repeat(i % 37)}"}`);
    chunks.push("€".repeat(1_500_000));
    for (let i = 0; i < 1_000; i++) chunks.push(`😀${i}`);
    await writeFileAtomic(file, chunks);
    const written = await readFile(file);
    expect(written.equals(Buffer.from(chunks.join(""), "utf8"))).toBe(true);
  });

  it("creates missing directories", async () => {
    const file = join(directory, "a", "b", "c", "graph.json");
    await writeFileAtomic(file, "{}");
    expect(await readFile(file, "utf8")).toBe("{}");
  });

  it("replaces an existing file whole, including a longer one", async () => {
    const file = join(directory, "graph.json");
    await writeFile(file, "x".repeat(10_000));
    await writeFileAtomic(file, "short");
    expect(await readFile(file, "utf8")).toBe("short");
    expect(await readdir(directory)).toEqual(["graph.json"]);
  });

  it("rejects, removes its temporary file and leaves the target alone when the rename fails", async () => {
    // A non-empty directory at the target path makes rename fail after the data was written.
    const target = join(directory, "occupied");
    await mkdir(target);
    await writeFile(join(target, "keep.txt"), "kept");
    await expect(writeFileAtomic(target, "data")).rejects.toMatchObject({ code: expect.any(String) });
    expect((await readdir(directory)).sort()).toEqual(["occupied"]);
    expect(await readFile(join(target, "keep.txt"), "utf8")).toBe("kept");
  });

  it("rejects when the directory cannot be created", async () => {
    const blocker = join(directory, "file");
    await writeFile(blocker, "not a directory");
    await expect(writeFileAtomic(join(blocker, "sub", "graph.json"), "{}")).rejects.toMatchObject({
      code: expect.stringMatching(/^(EEXIST|ENOTDIR)$/),
    });
  });

  it("ends with one complete version when writes to the same file race", async () => {
    const file = join(directory, "graph.json");
    const versions = Array.from({ length: 20 }, (_, i) => String(i).repeat(50_000));
    await Promise.all(versions.map((data) => writeFileAtomic(file, data)));
    expect(versions).toContain(await readFile(file, "utf8"));
    expect(await readdir(directory)).toEqual(["graph.json"]);
  });
});
