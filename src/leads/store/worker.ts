import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { blindIndex } from '../../security/index.ts';
import { extractIdentifiers } from '../extract/index.ts';
import { compileLexicon, loadLexicon, withEntries } from '../indicators/index.ts';
import type { ImportBatch, ImportWorkerSetup } from './pool.ts';
import { cachedTokens, prepareLines } from './prepare.ts';

const setup = workerData as ImportWorkerSetup;
// On Linux a thread's priority is its own: only this extraction thread yields, never the server.
if (setup.lowPriority) {
  try {
    os.setPriority(10);
  } catch {
    // Not allowed on this system: the import runs at normal priority.
  }
}
const base = loadLexicon();
const lexicon = setup.extraEntries.length > 0 ? withEntries(base, setup.extraEntries, setup.extraSources) : base;
const index = blindIndex(Buffer.from(setup.indexKey));
const deps = {
  extract: (text: string) => extractIdentifiers(text, { defaultCountry: 'US' as const }),
  matcher: compileLexicon(lexicon),
  tokenOf: cachedTokens((kind, value) => index.token(kind, value)),
};

parentPort!.on('message', (batch: ImportBatch) => {
  parentPort!.postMessage({ batch: batch.batch, outcomes: prepareLines(batch.lines, deps) });
});
