import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Request } from 'express';
import { controlPlaneRoot } from '../paths.js';

/** Where `npm install` builds the web app (control-plane/web, `vite build`). */
export const builtWebAppDir = path.join(controlPlaneRoot, 'web', 'dist');

// Paths that are never a page of the web app, so an unknown one there stays a problem+json 404 (a missing asset too).
const serverPaths = /^\/(api|assets|healthz|readyz|metrics|u|o|c)(\/|$)/;

const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ophir: web app not built</title></head>
<body><main><h1>The web app is not built</h1><p>Run <code>npm install</code> at the repository root: it builds control-plane/web into control-plane/web/dist, which this server serves.</p></main></body></html>`;

function wantsPage(req: Request): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !serverPaths.test(req.path) && req.accepts(['html', 'json']) === 'html';
}

/**
 * The marketer web app on the API's origin. Vite names its assets by content hash, so they are cached
 * for a year; index.html is revalidated on every load so a deployment is picked up at once. A page path
 * the client router owns (/mailboxes, /settings...) answers index.html. Whether the build exists is looked
 * up per request: `npm install` may build it after the server started.
 */
export function webAppRouter(options: { dir: string }): Router {
  const router = Router();
  const indexFile = path.join(options.dir, 'index.html');
  router.use('/assets', express.static(path.join(options.dir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  router.use((req, res, next) => {
    if (!wantsPage(req)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(indexFile)) {
      res.status(503).type('html').send(notBuiltPage);
      return;
    }
    res.sendFile(indexFile);
  });
  return router;
}
