import { createStadtpuls } from './app.js';
import { loadConfig } from './config.js';

const server = createStadtpuls(loadConfig());
await server.start();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.log.info({ signal }, 'shutting down');
    void server.stop().then(() => process.exit(0));
  });
}
