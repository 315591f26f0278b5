import { parentPort, workerData } from 'node:worker_threads';
import { extractIdentifiers } from '../extract/index.ts';
import { compileLexicon, loadLexicon, withEntries } from '../indicators/index.ts';
import { analyzeBatch } from './batch.ts';
import type { Batch, WorkerSetup } from './protocol.ts';

const setup = workerData as WorkerSetup;
const base = loadLexicon();
const lexicon = setup.extraLexicon ? withEntries(base, setup.extraLexicon.entries, setup.extraLexicon.sources) : base;
const deps = { extract: (text: string) => extractIdentifiers(text, { defaultCountry: 'US' }), matcher: compileLexicon(lexicon) };

parentPort!.on('message', (batch: Batch) => {
  parentPort!.postMessage(analyzeBatch(batch, deps));
});
