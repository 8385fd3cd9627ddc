import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The portal is served by Sinfonia at '/' from the classpath folder portal/ (see web/pom.xml).
export default defineConfig({
  base: '/',
  plugins: [preact()],
  build: {
    outDir: process.env.PORTAL_OUT_DIR ?? '../target/classes/portal',
    emptyOutDir: true,
    assetsDir: 'assets',
    // CSP forbids inline scripts and styles: no inlined module preload polyfill, no data: script chunks.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/dicom-web': 'http://127.0.0.1:8080' } },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
} as any);
