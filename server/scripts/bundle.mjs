/**
 * `pnpm build` for the server: one ES module, dist/server.js, bundled by esbuild from src/server.ts (type checking is
 * `pnpm typecheck`). Loading ~1 000 files (TypeBox alone is 700 modules) took most of the panel's start; one file
 * takes a fraction. The Kafka, ClickHouse, Docker and Schema Registry client libraries stay in node_modules: they are
 * required on first use (src/lazy-module.ts), which esbuild leaves as it is.
 */
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: ['src/server.ts'],
  outfile: 'dist/server.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // The bundled CommonJS packages call require() for Node's built-ins; an ES module has no require of its own.
  banner: { js: "import { createRequire as __panelCreateRequire } from 'node:module'; const require = __panelCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
