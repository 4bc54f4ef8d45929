// `topicgraph serve` (a real process) as a hostile client finds it: headers or a body sent too slowly are cut off
// within a second or two of --headers-timeout and --request-timeout (Node checks only every 30 s by default); a Host
// that is not the server's is answered 421 as JSON (DNS rebinding); binding beyond loopback says so.

import { connect, type Socket } from "node:net";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { rawRequest } from "./helpers.js";
import { runCli, type CliProcess } from "../cli-process.js";

// NOTE: each test starts `topicgraph serve` processes: tens of seconds when the machine is loaded.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const CORPUS = "test/fixtures/core/three-topics.jsonl";

let server: CliProcess;
let url = "";
beforeAll(async () => {
  server = runCli([
    "serve",
    CORPUS,
    "--port",
    "0",
    "--no-cache",
    "--headers-timeout",
    "1",
    "--request-timeout",
    "2",
    "--allowed-hosts",
    "topics.example,10.1.2.3",
  ]);
  url = await server.ready();
});
afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

/** Opens a connection, writes `text`, and resolves with what the server answered and when it closed (ms). */
function hold(text: string): Promise<{ answer: string; closedAfter: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket: Socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve({ answer, closedAfter: performance.now() - started }));
  });
}

describe("a slow client", () => {
  it("sending its headers too slowly is answered 408 and cut off within two seconds of --headers-timeout, twice running", async () => {
    // NOTE: twice in a row: with Node's default check every 30 s, at most one of the two could end in time.
    for (let i = 0; i < 2; i++) {
      const { answer, closedAfter } = await hold("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(closedAfter).toBeGreaterThanOrEqual(900);
      expect(closedAfter).toBeLessThan(3500);
    }
  });

  it("sending its body too slowly is cut off within two seconds of --request-timeout", async () => {
    const request =
      "POST /api/related HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{";
    const { answer, closedAfter } = await hold(request);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfter).toBeGreaterThanOrEqual(1900);
    expect(closedAfter).toBeLessThan(4500);
  });
});

describe("the Host allow-list", () => {
  it.each(["evil.example", "evil.example:80", "localhost.evil.example", "127.0.0.1.nip.io", "[::2]"])(
    "answers Host %s with 421 as JSON",
    async (host) => {
      const response = await rawRequest(url, "/api/health", { headers: { host } });
      expect(response.status).toBe(421);
      expect(response.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(response.text)).toEqual({
        error: { code: "MISDIRECTED_REQUEST", message: expect.stringContaining(JSON.stringify(host)) },
      });
    },
  );

  it.each(["localhost", "LOCALHOST:3000", "127.0.0.1", "[::1]:8080", "topics.example", "10.1.2.3:443"])(
    "serves Host %s (loopback names, --allowed-hosts)",
    async (host) => {
      const response = await rawRequest(url, "/api/health", { headers: { host } });
      expect(response.status).toBe(200);
    },
  );

  it("refuses every route, the client's page included", async () => {
    expect((await rawRequest(url, "/", { headers: { host: "evil.example" } })).status).toBe(421);
    expect((await rawRequest(url, "/api/export.json", { headers: { host: "evil.example" } })).status).toBe(421);
  });
});

describe("binding beyond loopback", () => {
  it("says so in one line, and serves the machine's own name and addresses", async () => {
    const wide = runCli(["serve", CORPUS, "--port", "0", "--no-cache", "--host", "0.0.0.0"]);
    const address = await wide.ready();
    expect(wide.stderr().split("\n")).toEqual([
      expect.stringMatching(/^topicgraph: listening on 0\.0\.0\.0:\d+, which other machines can reach/),
      "",
    ]);
    const port = new URL(address).port;
    const local = `http://127.0.0.1:${port}/`;
    expect((await rawRequest(local, "/api/health", { headers: { host: "0.0.0.0" } })).status).toBe(200);
    expect((await rawRequest(local, "/api/health", { headers: { host: "evil.example" } })).status).toBe(421);
    expect(await wide.stop()).toBe(0);
  });
});
