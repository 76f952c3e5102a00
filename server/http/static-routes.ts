import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * The built client (dist/client) and the city model's basemap (data/city), so the map works
 * offline with no tile server. Without a build, the root explains how to make one.
 */
export function staticRoutes(clientDir: string, cityDir: string): Router {
  const r = Router();
  r.use('/city', express.static(cityDir, { maxAge: '1h', fallthrough: false }));
  if (existsSync(path.join(clientDir, 'index.html'))) {
    r.use(express.static(clientDir, { index: 'index.html' }));
  } else {
    r.get('/', (_req, res) => {
      res.status(503).type('text/plain').send('Stadtpuls: the client is not built yet. Run `npm run build` (npm start does it for you).');
    });
  }
  return r;
}
