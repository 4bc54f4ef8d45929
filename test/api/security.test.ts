// Security of the served files and headers: helmet's headers everywhere (nosniff included), the client directory
// served without listings, dotfiles or a way out of it, and loopback as the default address.

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { loadServeConfig, SERVE_DEFAULTS } from "../../server/config.js";
import { ConfigError } from "../../server/errors.js";
import type { TopicStore } from "../../server/query/index.js";
import { buildStore, fetchJson, rawRequest, SEED, serveStore, type TestServer } from "./helpers.js";

let store: TopicStore;
let server: TestServer;
let base: string;
let root: string;

beforeAll(async () => {
  // A built client beside a secret: <root>/client/{index.html, assets/app.js, .env, nested/}, <root>/secret.txt.
  root = await mkdtemp(join(tmpdir(), "topicgraph-client-"));
  const client = join(root, "client");
  await mkdir(join(client, "assets"), { recursive: true });
  await mkdir(join(client, "nested"), { recursive: true });
  await writeFile(
    join(client, "index.html"),
    "<!doctype html><title>explorer</title><script type=module src=/assets/app.js></script>",
  );
  await writeFile(join(client, "assets", "app.js"), "console.log('app');");
  await writeFile(join(client, ".env"), "SECRET=client-dotfile");
  await writeFile(join(client, "nested", "file.txt"), "nested");
  await writeFile(join(root, "secret.txt"), "SECRET=outside");
  store = await buildStore(SEED);
  server = await serveStore(store, { clientDir: client });
  base = server.url;
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("security headers", () => {
  it.each(["/api/health", "/api/nope", "/", "/assets/app.js", "/api/export.gexf"])(
    "%s carries helmet's headers",
    async (path) => {
      const response = await rawRequest(base, path);
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
      expect(response.headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
      expect(response.headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(response.headers["x-powered-by"]).toBeUndefined();
    },
  );
});

describe("the built client", () => {
  it("serves index.html at / and its assets", async () => {
    const page = await rawRequest(base, "/");
    expect(page.status).toBe(200);
    expect(page.text).toContain("<title>explorer</title>");
    const asset = await rawRequest(base, "/assets/app.js");
    expect(asset.status).toBe(200);
    expect(asset.headers["content-type"]).toMatch(/javascript/);
    expect(asset.headers["cache-control"]).toContain("immutable");
  });

  it("lists no directory", async () => {
    for (const path of ["/assets/", "/assets", "/nested/", "/nested"]) {
      const response = await rawRequest(base, path);
      expect(response.status, path).toBe(404);
      expect(response.text).not.toContain("app.js");
      expect(response.text).not.toContain("file.txt");
      expect(JSON.parse(response.text).error.code).toBe("NOT_FOUND");
    }
  });

  it("serves no dotfile", async () => {
    const response = await rawRequest(base, "/.env");
    expect(response.status).toBe(404);
    expect(response.text).not.toContain("SECRET");
  });

  it.each([
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E%2Fsecret.txt",
    "/assets/..%2f..%2fsecret.txt",
    "/assets/%2e%2e/%2e%2e/secret.txt",
    "/..%5csecret.txt",
    "/assets/....//....//secret.txt",
    "/%252e%252e/secret.txt",
    "/api/../../secret.txt",
    "/api/papers/..%2f..%2f..%2fsecret.txt",
  ])("%s does not leave the client directory", async (path) => {
    const response = await rawRequest(base, path);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.text).not.toContain("SECRET");
  });
});

describe("configuration", () => {
  it("binds 127.0.0.1:3000 unless told", () => {
    const config = loadServeConfig({ corpus: SEED, pipeline: {}, env: {} });
    expect(config).toMatchObject({ host: "127.0.0.1", port: 3000 });
    expect(SERVE_DEFAULTS.host).toBe("127.0.0.1");
  });

  it("reads PORT and HOST, and the command line wins", () => {
    const env = { PORT: "8080", HOST: "0.0.0.0" };
    expect(loadServeConfig({ corpus: SEED, pipeline: {}, env })).toMatchObject({ host: "0.0.0.0", port: 8080 });
    expect(loadServeConfig({ corpus: SEED, pipeline: {}, env, port: "9000", host: "::1" })).toMatchObject({
      host: "::1",
      port: 9000,
    });
  });

  it("takes --answer-memory in MiB (0 keeps none) and refuses a negative or non-numeric one", () => {
    const config = (answerMemory?: string) => loadServeConfig({ corpus: SEED, pipeline: {}, env: {}, answerMemory });
    expect(config().answerMemory).toBe(32 * 2 ** 20);
    expect(config("0").answerMemory).toBe(0);
    expect(config("1.5").answerMemory).toBe(1.5 * 2 ** 20);
    expect(() => config("-1")).toThrow(/^--answer-memory must be at least 0 MiB, got "-1"$/);
    expect(() => config("lots")).toThrow(/^--answer-memory must be a number of MiB/);
  });

  it.each([
    [{ PORT: "http" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ PORT: "80.5" }, "PORT"],
    [{ HOST: "evil host; rm" }, "HOST"],
  ])("refuses %j naming the setting", (env, name) => {
    expect(() => loadServeConfig({ corpus: SEED, pipeline: {}, env })).toThrow(ConfigError);
    expect(() => loadServeConfig({ corpus: SEED, pipeline: {}, env })).toThrow(new RegExp(`^${name} `));
  });
});

it("logged no server error", async () => {
  expect((await fetchJson(base, "/api/health")).status).toBe(200);
  expect(server.logged).toEqual([]);
});
