import type { Report } from '../intake.schema.ts';

/**
 * A file attached to a tip, as the export needs it: hashes and metadata only, never the bytes.
 * Filled in by the files part of intake; the builders only read it.
 */
export interface ExportedFile {
  fileName: string;
  sha256: string;
  md5: string;
  /** Bytes. */
  size: number;
  mimeType: string;
  /** EXIF fields read from the original (GPS included: this is data for the national tipline). */
  exif?: Readonly<Record<string, string | number>> | undefined;
}

/** One tip, decrypted, with what the export adds around it. */
export interface ExportedReport {
  reference: string;
  receivedAt: Date;
  channel: string;
  status: string;
  report: Report;
  files?: readonly ExportedFile[] | undefined;
}

export const EXPORT_FORMATS = ['cybertipline-xml', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
