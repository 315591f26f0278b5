/**
 * The staff app's first load: builds web/ with Vite and reports the JavaScript index.html loads
 * (its scripts and module preloads) gzip-compressed, beside the chunks loaded later (the network
 * page with its graph library). Target: under 300 kB compressed on first load.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startRun } from './envelope.ts';

const DIST = path.join(process.cwd(), 'web', 'dist');
const kB = (n: number) => Math.round(n / 100) / 10;

async function main() {
  const bench = startRun('web-bundle');
  const t0 = performance.now();
  const built = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('vite build failed');
  const buildSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  const firstLoad = new Set([...html.matchAll(/(?:src|href)="\/app\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!));
  const chunks = [];
  for (const file of (await readdir(path.join(DIST, 'assets'))).filter((f) => f.endsWith('.js'))) {
    const bytes = await readFile(path.join(DIST, 'assets', file));
    chunks.push({ file, firstLoad: firstLoad.has(file), kB: kB(bytes.length), gzipKB: kB(gzipSync(bytes, { level: 9 }).length) });
  }
  const firstLoadGzipKB = Math.round(chunks.filter((c) => c.firstLoad).reduce((s, c) => s + c.gzipKB, 0) * 10) / 10;
  const result = {
    firstLoadGzipKB,
    targetKB: 300,
    met: firstLoadGzipKB < 300,
    buildSeconds,
    chunks: chunks.sort((a, b) => b.gzipKB - a.gzipKB),
  };
  await bench.write(result);
  console.log(JSON.stringify(result, null, 2));
}

await main();
