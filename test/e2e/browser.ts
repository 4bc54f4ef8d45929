// Launches Debian's headless Chromium through playwright-core with the flags that give sigma a WebGL context
// (SwiftShader; see ../shared/e2e.md). Without the browser: tests skip locally, but with CI=true it is an error.

import { existsSync } from "node:fs";

import { chromium, type Browser, type LaunchOptions } from "playwright-core";

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

export const isCi = (env: NodeJS.ProcessEnv = process.env): boolean => /^(1|true)$/i.test(env.CI ?? "");

/** Whether browser tests can run here; throws under CI when the browser is missing, so the run fails. */
export function browserAvailable(path = CHROMIUM_PATH, env: NodeJS.ProcessEnv = process.env): boolean {
  if (existsSync(path)) return true;
  if (isCi(env)) throw new Error(`test/e2e: CI=true but there is no Chromium at ${path} (apt-get install chromium)`);
  return false;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (!browserAvailable()) throw new Error(`test/e2e: no Chromium at ${CHROMIUM_PATH}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ...options });
}

/** Console messages that say nothing about the page: SwiftShader's ReadPixels stalls (sigma's picking). */
export function isNoise(text: string): boolean {
  return /GPU stall due to ReadPixels|favicon\.ico/.test(text);
}
