import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer: one build served by the hall server and loaded by the Electron window
// (base './' so it also works from app:// and file paths).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:5170' },
  },
});
