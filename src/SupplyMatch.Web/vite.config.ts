import { defineConfig } from 'vite';

// Built into dist/; SupplyMatch.Api copies dist/ next to itself and serves it at "/".
// `npm run dev` serves the sources with the API proxied to a service running on :5080.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://localhost:5080' },
  },
});
