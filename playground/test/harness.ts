/** Shared by the browser tests: build the playground, serve it with `nabla playground`'s server, drive Debian's Chromium. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { build } from "vite";
import { startPlaygroundServer, type PlaygroundServer } from "../../src/cli/commands/playground.js";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
/** Screenshots land here (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL("../test-artifacts/", import.meta.url));
export const BUILD_DIR = fileURLToPath(new URL("../../dist/playground/", import.meta.url));

/** Builds the playground with its Vite config (about 2 s). */
export async function buildPlayground(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL("../vite.config.ts", import.meta.url)), logLevel: "warn" });
}

export const hasChromium = (): boolean => existsSync(CHROMIUM);

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export async function serve(): Promise<PlaygroundServer> {
  return startPlaygroundServer({ dir: BUILD_DIR, port: 0 });
}
