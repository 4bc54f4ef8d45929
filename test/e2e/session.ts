// The set-up every browser test file shares: the real server (startTestServer) on a loopback port and Chromium,
// started together before the file's tests and closed after them (with the temporary directory its corpus was written
// to, if any); a fresh explorer page per test, closed after it, whose console errors (noise filtered out) fail the test
// unless the file says otherwise.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";

import { launchChromium } from "./browser.js";
import { newExplorerPage, type OpenedPage } from "./page.js";
import { startTestServer, type TestServer, type TestServerOptions } from "./server.js";

export interface ExplorerSessionOptions {
  /**
   * The corpus served: a path, or a function that writes one into the session's temporary directory and gives its path
   * (the seed when absent).
   */
  corpus?: string | ((directory: string) => string | Promise<string>);
  server?: TestServerOptions;
  /** Whether a test fails on its page's console errors (true when absent). */
  failOnPageErrors?: boolean;
  /** What each test's page needs before the test (an init script, say). */
  preparePage?: (page: Page) => Promise<unknown>;
  /** How long the server's build and the browser's launch may take, in milliseconds (vitest's hook default). */
  timeout?: number;
}

/** The file's server and browser, and the running test's page; read them inside hooks and tests. */
export interface ExplorerSession {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A temporary directory of the file's own (removed after its tests). */
  readonly directory: string;
  /** The running test's page and the errors it logged. */
  readonly opened: OpenedPage;
  readonly page: Page;
}

/** Registers the file's hooks (call it inside a describe block, or at the top of the file). */
export function useExplorerSession(options: ExplorerSessionOptions = {}): ExplorerSession {
  const { failOnPageErrors = true } = options;
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let directory: string | undefined;
  let opened: OpenedPage | undefined;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "topicgraph-e2e-"));
    const corpus = typeof options.corpus === "function" ? await options.corpus(directory) : options.corpus;
    [server, browser] = await Promise.all([startTestServer(corpus, options.server), launchChromium()]);
  }, options.timeout);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });
  beforeEach(async () => {
    const current = await newExplorerPage(browser!);
    opened = current;
    await options.preparePage?.(current.page);
    return async () => {
      await current.page.close();
      if (failOnPageErrors) expect(current.errors).toEqual([]);
    };
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`test/e2e/session: no ${what} (read it inside a hook or a test)`);
    return value;
  };
  return {
    get server() {
      return started(server, "server");
    },
    get browser() {
      return started(browser, "browser");
    },
    get directory() {
      return started(directory, "directory");
    },
    get opened() {
      return started(opened, "page");
    },
    get page() {
      return started(opened, "page").page;
    },
  };
}
