import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers with a Content-Security-Policy the map runs under: maplibre starts its workers
 * from blob: URLs and decodes tiles and images through blob: and data: URLs; deck.gl only needs
 * WebGL, which CSP does not govern; styles come as files, and the inline styles React and maplibre
 * set from script go through the CSSOM, which style-src does not restrict. Socket.IO's WebSocket to
 * the same host is 'self' (CSP level 3). A MAP_STYLE_URL elsewhere adds its origin to what may be
 * fetched. HTTPS upgrades and HSTS only on requests that came over HTTPS (directly or via
 * TRUST_PROXY): a plain-HTTP install on a control-room LAN must keep working.
 */
export function securityHeaders(o: { mapStyleUrl: string | null }): RequestHandler {
  const styleOrigin = o.mapStyleUrl ? [new URL(o.mapStyleUrl).origin] : [];
  const forScheme = (https: boolean) =>
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          childSrc: ["'self'", 'blob:'],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:', ...styleOrigin],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'blob:', 'data:', ...styleOrigin],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: https,
    });
  const plain = forScheme(false);
  const secure = forScheme(true);
  return (req, res, next) => (req.secure ? secure : plain)(req, res, next);
}
