/**
 * Runs the server with a client built elsewhere, for screenshots while dist/ is someone else's:
 * `npx vite build --outDir /tmp/c --emptyOutDir && PORT=8131 npx tsx tests/tools/serve-client.ts /tmp/c`.
 * The rest of the configuration comes from the environment, as with `npm start`.
 */
import { createStadtpuls } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';

const [clientDir] = process.argv.slice(2);
if (!clientDir) throw new Error('usage: serve-client.ts <client build dir>');
const server = createStadtpuls(loadConfig(), { clientDir });
console.log(`serving ${clientDir} at ${await server.start()}`);
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
