import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

/** A page's content streams, inflated and joined, as the latin1 text of its drawing operators. */
export function pageContent(doc: PDFDocument, index: number): string {
  const contents = doc.getPage(index).node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  return streams
    .map((s) => {
      if (!(s instanceof PDFRawStream)) return '';
      const flate = s.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode');
      return Buffer.from(flate ? inflateSync(s.getContents()) : s.getContents()).toString('latin1');
    })
    .join('\n');
}

/** The text drawn on each page (hex strings shown with `Tj`), read back since pdf-lib cannot extract text. */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  return doc
    .getPages()
    .map((_page, i) =>
      [...pageContent(doc, i).matchAll(/<([0-9A-Fa-f]*)> Tj/g)]
        .map((m) => Buffer.from(m[1]!, 'hex').toString('latin1'))
        .join('\n'),
    );
}
