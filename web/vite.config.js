// Relative asset paths and one output folder, web/dist, which the serve
// crate embeds at compile time (crates/serve/build.rs).
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The world map's TopoJSON is bundled into the script: no fetch of a
    // separate file, nothing that could point at a CDN.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
    sourcemap: false,
  },
});
