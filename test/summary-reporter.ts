// Vitest reporter that ends the run with one plain line, "N passed, N failed", for CI to read: N failed counts the
// failed tests, each error of a beforeAll/afterAll hook, each file that fails to load, and each unhandled error.

import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      const before = failed;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      // NOTE: a failing beforeAll leaves its tests "skipped" and the error on its suite (or on the module for a
      // top-level hook or a file that does not load): count each such error.
      failed += module.errors().length;
      for (const suite of module.children.allSuites()) failed += suite.errors().length;
      if (module.state() === "failed" && failed === before) failed++;
    }
    failed += unhandledErrors.length;
    if (skipped > 0) process.stdout.write(`${skipped} skipped\n`);
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
  }
}
