import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const client = (file: string) => fileURLToPath(new URL(`./src/web/newsroom/client/${file}`, import.meta.url));

/**
 * The newsroom islands, bundled into dist/client/ (served at /assets/). Entry names are stable
 * (`newsroom-editor.js`) so server pages can name them without reading a manifest; shared code goes
 * into hashed chunks under /assets/chunks/.
 */
export default defineConfig({
  root,
  // public/ (site.css, the small site scripts, icons) is copied beside the bundle, so every asset is
  // compressed once at build by scripts/compress-assets.js and served from one folder (ADR 0077).
  publicDir: 'public',
  base: '/assets/',
  resolve: {
    // `#src/...` as in package.json "imports", so the bundle shares modules with the server (slug, word count).
    alias: [
      { find: /^#src\//, replacement: `${fileURLToPath(new URL('./src/', import.meta.url))}` },
      // sanitize-html needs postcss only to parse style attributes, which the paste cleaner never
      // allows (parseStyleAttributes: false): leaving the CSS parser out saves ~20 KB gzip.
      { find: /^postcss$/, replacement: client('postcss-stub.ts') },
      // It also uses only htmlparser2's Parser, not its DOM tools and entity tables (~35 KB gzip).
      { find: /^htmlparser2$/, replacement: client('htmlparser2-parser.ts') },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    cssCodeSplit: false,
    rollupOptions: {
      input: {
        'newsroom-editor': client('editor-entry.tsx'),
        'newsroom-media-library': client('media-library-entry.tsx'),
        'newsroom-page-editor': client('page-body-entry.tsx'),
      },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: '[name][extname]',
      },
    },
  },
});
