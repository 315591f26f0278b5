import type { z } from 'zod';
import type { draftListResponse, draftResponse } from './hotline.schema.ts';
import type { CallView, DraftSummary, DraftView } from './hotline.service.ts';

function presentCall(c: CallView) {
  return {
    startedAt: c.startedAt.toISOString(),
    endedAt: c.endedAt?.toISOString() ?? null,
    language: c.language,
    callerType: c.callerType,
    callbackConsent: c.callbackConsent,
  };
}

export function presentDraft(d: DraftView): z.input<typeof draftResponse> {
  return {
    id: d.id,
    status: d.status,
    version: d.version,
    reference: d.reference,
    call: presentCall(d.call),
    report: d.report,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function presentDraftList(items: DraftSummary[]): z.input<typeof draftListResponse> {
  return {
    items: items.map((d) => ({ id: d.id, version: d.version, call: presentCall(d.call), updatedAt: d.updatedAt.toISOString() })),
  };
}
