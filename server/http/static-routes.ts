import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { Router, type Request, type Response } from 'express';

/** Vite names every file under assets/ by its content hash, so a changed file is a new URL: cache it for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Compresses what this router serves (the client and the basemap); the API and Socket.IO never pass here. */
function compressible(req: Request, res: Response): boolean {
  if (String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) return false;
  return compression.filter(req, res);
}

/**
 * The built client (dist/client) and the city model's basemap (data/city), so the map works
 * offline with no tile server. Without a build, the root explains how to make one.
 * index.html is revalidated on every load (no-cache) so a new build is picked up at once.
 */
export function staticRoutes(clientDir: string, cityDir: string): Router {
  const r = Router();
  r.use(compression({ filter: compressible }));
  r.use('/city', express.static(cityDir, { maxAge: '1h', fallthrough: false }));
  if (existsSync(path.join(clientDir, 'index.html'))) {
    r.use('/assets', express.static(path.join(clientDir, 'assets'), { setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE) }));
    r.use(
      express.static(clientDir, {
        index: 'index.html',
        setHeaders: (res, file) => {
          if (path.basename(file) === 'index.html') res.setHeader('Cache-Control', 'no-cache');
        },
      }),
    );
  } else {
    r.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('Stadtpuls: the client is not built yet. Run `npm run build` (npm start does it for you).');
    });
  }
  return r;
}
