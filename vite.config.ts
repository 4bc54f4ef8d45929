// Builds the explorer (client/) into static files in dist/client, which the server serves at `/`.
// `npx vite` serves it for development with /api proxied to a running `topicgraph serve` (port 3000).

import { fileURLToPath } from "node:url";

import { defineConfig } from "vite";

const root = fileURLToPath(new URL("./client", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/client", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    proxy: { "/api": process.env.TOPICGRAPH_API ?? "http://127.0.0.1:3000" },
  },
});
