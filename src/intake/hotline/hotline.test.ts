import { describe, expect, it } from 'vitest';
import { draftToReportBody, pruneEmpty } from './hotline.draft.ts';

describe('pruneEmpty', () => {
  it('drops empty strings, nulls and empty sections but keeps false and 0', () => {
    expect(pruneEmpty({ a: '', b: '  ', c: null, d: { e: '' }, f: false, g: 0, h: 'x' })).toEqual({ f: false, g: 0, h: 'x' });
  });

  it('keeps blank rows as {} so indexes still match the rows on screen', () => {
    expect(pruneEmpty({ children: [{ name: '' }, { name: 'Synthetic child' }] })).toEqual({
      children: [{}, { name: 'Synthetic child' }],
    });
    expect(pruneEmpty({ children: [] })).toBeUndefined();
  });
});

describe('draftToReportBody', () => {
  it('always has an incident so a missing description is named', () => {
    expect(draftToReportBody({})).toEqual({ incident: {} });
    expect(draftToReportBody({ location: { city: '' }, incident: { description: 'd' } })).toEqual({
      incident: { description: 'd' },
    });
  });
});
