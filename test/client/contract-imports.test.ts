// The client takes the API's shapes from the contract as types only: zod stays out of its bundle.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

const CLIENT = fileURLToPath(new URL("../../client", import.meta.url));
const BUNDLE = fileURLToPath(new URL("../../dist/client/assets", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** Every import statement of the client that names a module of server/, with its file. */
function serverImports(): { file: string; statement: string }[] {
  return sources(CLIENT).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/^import[^;]*?from "((?:\.\.\/)+server\/[^"]+)";/gms)].map((match) => ({
      file: file.slice(CLIENT.length + 1),
      statement: match[0],
    })),
  );
}

describe("the client and the contract", () => {
  it("imports the API's shapes from server/contract, type-only (its zod-free limits excepted)", () => {
    const imports = serverImports();
    expect(imports.length).toBeGreaterThan(10);
    for (const { file, statement } of imports) {
      expect(statement, file).toMatch(/from "(\.\.\/)+server\/contract\//);
      if (!statement.includes("/contract/limits.js")) expect(statement, file).toMatch(/^import type /);
    }
  });

  it("has no zod in its built bundle", () => {
    const scripts = readdirSync(BUNDLE).filter((name) => name.endsWith(".js"));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) expect(readFileSync(join(BUNDLE, name), "utf8")).not.toContain("ZodError");
  });
});
