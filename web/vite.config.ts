import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiTarget = process.env.PANEL_API_URL ?? 'http://127.0.0.1:8420';
const devPort = 5173;
const devOrigins = new Set([`http://127.0.0.1:${devPort}`, `http://localhost:${devPort}`]);

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: devPort,
    strictPort: true,
    proxy: {
      '/api': {
        target: apiTarget,
        changeOrigin: true,
        configure(proxy) {
          // The panel checks Origin on mutations. Only a page served by this dev server speaks for the
          // panel, so only its own origin is rewritten; any other origin reaches the panel unchanged and is refused.
          proxy.on('proxyReq', (proxyReq, req) => {
            const origin = req.headers.origin;
            if (origin && devOrigins.has(origin)) proxyReq.setHeader('origin', apiTarget);
          });
        },
      },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
