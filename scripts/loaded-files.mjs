// How many of our server files a module loads at run time (issue 11: importing src/db should load a handful).
// Usage: node --import tsx scripts/loaded-files.mjs src/db/index.ts [--list]
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const hook = `
let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) { port.postMessage(url); return next(url, context); }
`;
const { port1, port2 } = new MessageChannel();
const seen = new Set();
port1.on('message', (url) => seen.add(url));
register(`data:text/javascript,${encodeURIComponent(hook)}`, { data: { port: port2 }, transferList: [port2] });

const [target, flag] = process.argv.slice(2);
const src = path.resolve('src') + path.sep;
await import(pathToFileURL(path.resolve(target)).href);
await new Promise((resolve) => setTimeout(resolve, 100));
port1.close();
const ours = [...seen]
  .filter((u) => u.startsWith('file:'))
  .map((u) => fileURLToPath(u))
  .filter((f) => f.startsWith(src) && !f.endsWith('.test.ts'))
  .sort();
if (flag === '--list') for (const f of ours) console.log(path.relative(process.cwd(), f));
console.log(`${ours.length} of our server files loaded by ${target}`);
process.exit(0);
