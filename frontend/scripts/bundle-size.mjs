// Weighs the JavaScript the browser must fetch before the first screen can render: the entry
// chunk of index.html plus everything it imports statically (lazy routes excluded), gzipped,
// from the Vite manifest. Fails above the budget.
//
//   node scripts/bundle-size.mjs [outDir]      (default: dist; run after `vite build`)
//
// BUNDLE_BUDGET_KB overrides the budget (kB = 1000 bytes, as Vite prints them).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = resolve(root, process.argv[2] ?? 'dist');
const budgetKb = Number(process.env.BUNDLE_BUDGET_KB ?? 250);

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'));
} catch (error) {
  console.error(`No Vite manifest in ${outDir}/.vite (build with build.manifest): ${error}`);
  process.exit(2);
}

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length === 0) {
  console.error('The Vite manifest names no entry chunk.');
  process.exit(2);
}

// Entry chunks and their static imports, transitively; dynamicImports load later.
const firstScreen = new Set();
const visit = (key) => {
  if (firstScreen.has(key)) return;
  firstScreen.add(key);
  for (const imported of manifest[key]?.imports ?? []) visit(imported);
};
for (const [key] of entries) visit(key);

// Whitenoise serves the .gz it compresses at level 9; measure what it serves.
const gzipped = (file) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;
const kb = (bytes) => (bytes / 1000).toFixed(1);

let jsTotal = 0;
let cssTotal = 0;
const rows = [];
for (const key of firstScreen) {
  const chunk = manifest[key];
  const size = gzipped(chunk.file);
  jsTotal += size;
  rows.push([chunk.file, size]);
  for (const css of chunk.css ?? []) cssTotal += gzipped(css);
}
const lazy = Object.values(manifest).filter(
  (chunk, index) => !firstScreen.has(Object.keys(manifest)[index]) && chunk.file.endsWith('.js'),
);
const lazyTotal = lazy.reduce((sum, chunk) => sum + gzipped(chunk.file), 0);

for (const [file, size] of rows.sort((a, b) => b[1] - a[1])) {
  console.log(`  ${kb(size).padStart(7)} kB  ${file}`);
}
console.log(
  `First screen: ${kb(jsTotal)} kB of JavaScript gzipped (budget ${budgetKb} kB), ` +
    `${kb(cssTotal)} kB of CSS; ${lazy.length} lazy chunks, ${kb(lazyTotal)} kB, load on demand.`,
);
if (jsTotal > budgetKb * 1000) {
  console.error(`Over budget by ${kb(jsTotal - budgetKb * 1000)} kB.`);
  process.exit(1);
}
