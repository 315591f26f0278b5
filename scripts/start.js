// `npm start`: builds what changed since the last start, then runs the server from dist/.
// The server is compiled once (tsc, to dist/) and the staff app once (vite, to web/dist/), each
// again only when a source is newer than its last build, so a start does no compiling otherwise.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);
const SKIP = new Set(['node_modules', 'dist']);

/** The newest modification time of the files under these paths (0 when none exists). */
function newest(paths) {
  let latest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (!stat.isDirectory()) latest = Math.max(latest, stat.mtimeMs);
    else for (const name of readdirSync(p)) if (!SKIP.has(name)) visit(path.join(p, name));
  };
  for (const p of paths) visit(p);
  return latest;
}

const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const run = (file, args) => execFileSync(process.execPath, [file, ...args], { cwd: root, stdio: 'inherit' });

function buildServer() {
  const stamp = at('dist', '.built');
  if (newest([at('src'), at('package-lock.json'), at('tsconfig.json'), at('tsconfig.build.json')]) <= builtAt(stamp)) return;
  console.log('building the server (src/ changed since the last build)');
  rmSync(at('dist'), { recursive: true, force: true });
  // Files read beside the code (JSON, CSV, CSS, course content) and the workers' TypeScript entries come along.
  cpSync(at('src'), at('dist', 'src'), { recursive: true, filter: (f) => !f.endsWith('.test.ts') });
  run(at('node_modules', 'typescript', 'bin', 'tsc'), ['-p', 'tsconfig.build.json']);
  // The server finds the staff app and USWDS from the repository root, which is one level up.
  symlinkSync(at('web'), at('dist', 'web'));
  symlinkSync(at('node_modules'), at('dist', 'node_modules'));
  writeFileSync(stamp, new Date().toISOString());
}

function buildWeb() {
  const stamp = at('web', 'dist', 'index.html');
  if (newest([at('web'), at('src', 'shared'), at('package-lock.json')]) <= builtAt(stamp)) return;
  console.log('building the staff app (web/ changed since the last build)');
  run(at('node_modules', 'vite', 'bin', 'vite.js'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
}

buildWeb();
buildServer();
await import(at('dist', 'src', 'main.js'));
