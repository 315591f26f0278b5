import { describe, expect, it } from 'vitest';
import { FILE_META_CONTEXT } from '../esp/esp.service.ts';
import { META_CONTEXT } from './files.service.ts';

describe('files read side', () => {
  it('opens file metadata with the context the ESP service seals it with', () => {
    expect(META_CONTEXT).toBe(FILE_META_CONTEXT);
  });
});
