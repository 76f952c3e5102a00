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
    rolldownOptions: {
      output: {
        // Vendor chunks of their own: they change less often than our code, so a new build leaves them cached
        // (hashed, immutable); recharts is only reached from lazily loaded panels, so it stays off the first load.
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'vendor-maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ },
            { name: 'vendor-deckgl', test: /node_modules[\\/]@(deck\.gl|luma\.gl|loaders\.gl|math\.gl|probe\.gl)[\\/]/ },
            { name: 'vendor-recharts', test: /node_modules[\\/](recharts|victory-vendor|d3-[^\\/]+)[\\/]/ },
          ],
        },
      },
    },
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
