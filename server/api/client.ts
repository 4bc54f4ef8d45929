// The browser client at `/`: the Vite build (index.html and its assets) when present, otherwise a short page that
// says how to build it. Static files only: no directory listing, no dotfiles, nothing outside the directory.

import { existsSync } from "node:fs";
import { join } from "node:path";

import express, { Router } from "express";

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>topicgraph</title></head>
<body>
<h1>topicgraph</h1>
<p>The API is running, but the explorer client has not been built. Run <code>npm run build</code> and restart.</p>
<p>API: <a href="/api/health">/api/health</a>, <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</body></html>
`;

export function clientRouter(clientDir: string): Router {
  const router = Router();
  if (existsSync(join(clientDir, "index.html"))) {
    router.use(
      express.static(clientDir, {
        index: "index.html",
        dotfiles: "ignore",
        redirect: false,
        fallthrough: true,
        setHeaders: (res, path) => {
          // NOTE: Vite names assets by their content hash, so they never change; index.html must be revalidated.
          if (/[\\/]assets[\\/]/.test(path)) res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        },
      }),
    );
    return router;
  }
  router.get(["/", "/index.html"], (_req, res) => {
    res.type("html").send(NOT_BUILT);
  });
  return router;
}
