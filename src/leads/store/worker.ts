import { parentPort, workerData } from 'node:worker_threads';
import { blindIndex } from '../../security/index.ts';
import { extractIdentifiers } from '../extract/index.ts';
import { compileLexicon, loadLexicon, withEntries } from '../indicators/index.ts';
import type { ImportBatch, ImportWorkerSetup } from './pool.ts';
import { prepareLines } from './prepare.ts';

const setup = workerData as ImportWorkerSetup;
const base = loadLexicon();
const lexicon = setup.extraEntries.length > 0 ? withEntries(base, setup.extraEntries, setup.extraSources) : base;
const index = blindIndex(Buffer.from(setup.indexKey));
const deps = {
  extract: (text: string) => extractIdentifiers(text, { defaultCountry: 'US' as const }),
  matcher: compileLexicon(lexicon),
  tokenOf: (kind: 'phone' | 'email' | 'handle', value: string) => index.token(kind, value),
};

parentPort!.on('message', (batch: ImportBatch) => {
  parentPort!.postMessage({ batch: batch.batch, outcomes: prepareLines(batch.lines, deps) });
});
