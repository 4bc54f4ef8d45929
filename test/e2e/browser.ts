// Launches Debian's headless Chromium through playwright-core with the flags that give sigma a WebGL context
// (SwiftShader; see ../shared/e2e.md). Without the browser: tests skip locally, but with CI=true it is an error.

import { existsSync } from "node:fs";

import { chromium, type Browser, type LaunchOptions } from "playwright-core";

import { canRun } from "../ci.js";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
];

/**
 * Whether the browser tests described by `skipped` can run here: outside CI a missing browser skips them after one
 * line saying so; under CI=true it throws, so the run fails (see ../ci.ts).
 */
export function browserAvailable(
  skipped: string,
  path = CHROMIUM_PATH,
  env: NodeJS.ProcessEnv = process.env,
  write?: (line: string) => void,
): boolean {
  return canRun(skipped, existsSync(path), `no Chromium at ${path} (apt-get install chromium)`, env, write);
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`test/e2e: no Chromium at ${CHROMIUM_PATH}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ...options });
}

/** Console messages that say nothing about the page: SwiftShader's ReadPixels stalls (sigma's picking). */
export function isNoise(text: string): boolean {
  return /GPU stall due to ReadPixels|favicon\.ico/.test(text);
}
