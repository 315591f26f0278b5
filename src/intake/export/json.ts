import type { ExportedReport } from './export.types.ts';

/**
 * Beacon's own model, unchanged, with the tip's metadata. `<`, `>` and `&` are written as \u escapes
 * so the file stays inert even if a browser is made to show it as HTML.
 */
export function toJson(reports: readonly ExportedReport[]): string {
  const document = {
    format: 'beacon.reports',
    version: 1,
    reports: reports.map((r) => ({
      reference: r.reference,
      receivedAt: r.receivedAt.toISOString(),
      channel: r.channel,
      status: r.status,
      report: r.report,
      files: r.files ?? [],
    })),
  };
  return `${JSON.stringify(document, null, 2).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
