import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The web interface. `npm run build` writes `web/dist`, which `firebreak serve` serves at `/`.
 * `npm run dev:web` serves it with hot reload, sending API calls to a server on
 * FIREBREAK_URL (default http://127.0.0.1:8080) started with `npm start`.
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Written for debugging on the server's disk, named by no script, and never served (web.ts).
    sourcemap: "hidden",
    target: "es2022",
    // The charting library (about 550 kB, loaded only by the metrics screen) is one chunk.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      "/api": {
        target: process.env.FIREBREAK_URL ?? "http://127.0.0.1:8080",
        changeOrigin: false,
      },
    },
  },
});
