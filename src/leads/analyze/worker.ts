import { parentPort, workerData } from 'node:worker_threads';
import { extractIdentifiers } from '../extract/index.ts';
import { compileLexicon, loadLexicon, withEntries } from '../indicators/index.ts';
import { analyzeBatch } from './batch.ts';
import { packResult } from './pack.ts';
import type { BatchText, WorkerSetup } from './protocol.ts';

const setup = workerData as WorkerSetup;
const base = loadLexicon();
const lexicon = setup.extraLexicon ? withEntries(base, setup.extraLexicon.entries, setup.extraLexicon.sources) : base;
const deps = { extract: (text: string) => extractIdentifiers(text, { defaultCountry: 'US' }), matcher: compileLexicon(lexicon) };

parentPort!.on('message', ({ batch, firstLine, text }: BatchText) => {
  parentPort!.postMessage(packResult(analyzeBatch({ batch, firstLine, lines: text.split('\n') }, deps)));
});
