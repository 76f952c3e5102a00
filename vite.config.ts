import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const serverUrl = process.env.STADTPULS_SERVER ?? 'http://localhost:8080';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
  },
  server: {
    // `npm run dev` + `npx vite`: the dev server forwards data and the live stream to the running server.
    proxy: {
      '/api': serverUrl,
      '/city': serverUrl,
      '/socket.io': { target: serverUrl, ws: true },
    },
  },
});
