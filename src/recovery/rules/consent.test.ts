import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECIPIENT_KINDS, SHAREABLE_DETAILS } from '../../shared/recovery.ts';
import { addDays } from '../../core/dates.ts';
import {
  consentFor,
  consentSchema,
  consentState,
  SHARED_FIELD,
  shareableDetails,
  type ChildDetails,
  type Consent,
} from './consent.ts';

const ORG_A = '0a0a0a0a-0000-4000-8000-00000000000a';
const ORG_B = '0b0b0b0b-0000-4000-8000-00000000000b';
const consent = (over: Partial<Consent> = {}): Consent => ({
  id: 'c1',
  givenBy: 'young_person',
  recipientKind: 'health',
  shares: ['first_name'],
  givenOn: '2026-03-01',
  expiresOn: '2027-03-01',
  ...over,
});
const TODAY = '2026-06-01';

describe('consentFor', () => {
  it('needs the young person’s own consent from 14; under 14 a guardian’s', () => {
    const guardian = consent({ givenBy: 'guardian' });
    expect(consentFor([guardian], { recipientKind: 'health' }, 15, TODAY)).toEqual({ ok: false, reason: 'needs_young_person' });
    expect(consentFor([guardian], { recipientKind: 'health' }, 13, TODAY)).toEqual({ ok: true, consent: guardian });
    expect(consentFor([consent()], { recipientKind: 'health' }, 13, TODAY)).toEqual({ ok: false, reason: 'needs_guardian' });
    expect(consentFor([consent()], { recipientKind: 'health' }, 14, TODAY).ok).toBe(true);
  });

  it('takes the stricter rule when the age is not known', () => {
    expect(consentFor([consent({ givenBy: 'guardian' })], { recipientKind: 'health' }, undefined, TODAY)).toEqual({
      ok: false,
      reason: 'needs_young_person',
    });
  });

  it('says why nothing matched', () => {
    const ask = { recipientKind: 'health' as const, organisation: ORG_A };
    expect(consentFor([], ask, 15, TODAY)).toEqual({ ok: false, reason: 'none' });
    expect(consentFor([consent({ recipientKind: 'legal' })], ask, 15, TODAY)).toEqual({ ok: false, reason: 'none' });
    expect(consentFor([consent({ organisation: ORG_B })], ask, 15, TODAY)).toEqual({ ok: false, reason: 'other_organisation' });
    expect(consentFor([consent({ expiresOn: TODAY })], ask, 15, TODAY)).toEqual({ ok: false, reason: 'expired' });
    expect(consentFor([consent({ revokedOn: '2026-05-01' })], ask, 15, TODAY)).toEqual({ ok: false, reason: 'revoked' });
    expect(consentFor([consent({ givenOn: '2026-07-01' })], ask, 15, TODAY)).toEqual({ ok: false, reason: 'none' });
  });

  it('prefers a consent naming the organisation over one for any organisation of the kind', () => {
    const any = consent({ id: 'any', expiresOn: '2030-01-01' });
    const named = consent({ id: 'named', organisation: ORG_A });
    expect(consentFor([any, named], { recipientKind: 'health', organisation: ORG_A }, 16, TODAY)).toEqual({
      ok: true,
      consent: named,
    });
    expect(consentFor([any, named], { recipientKind: 'health', organisation: ORG_B }, 16, TODAY)).toEqual({
      ok: true,
      consent: any,
    });
    expect(consentFor([named], { recipientKind: 'health' }, 16, TODAY)).toEqual({ ok: false, reason: 'other_organisation' });
  });

  const day = fc.integer({ min: -400, max: 400 }).map((n) => addDays(TODAY, n));
  const anyConsent = fc
    .record({
      id: fc.constantFrom('c1', 'c2', 'c3'),
      givenBy: fc.constantFrom('young_person' as const, 'guardian' as const),
      recipientKind: fc.constantFrom(...RECIPIENT_KINDS.slice(0, 3)),
      organisation: fc.option(fc.constantFrom(ORG_A, ORG_B), { nil: undefined }),
      shares: fc.subarray([...SHAREABLE_DETAILS], { minLength: 1 }),
      givenOn: day,
      length: fc.integer({ min: 1, max: 500 }),
      revokedOn: fc.option(day, { nil: undefined }),
    })
    .map(({ organisation, revokedOn, length, ...c }): Consent => ({
      ...c,
      expiresOn: addDays(c.givenOn, length),
      ...(organisation === undefined ? {} : { organisation }),
      ...(revokedOn === undefined ? {} : { revokedOn }),
    }));
  const ask = fc.record({
    recipientKind: fc.constantFrom(...RECIPIENT_KINDS.slice(0, 3)),
    organisation: fc.option(fc.constantFrom(ORG_A, ORG_B), { nil: undefined }),
  });
  const age = fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined });

  it('property: the consent given back is in force, covers what was asked and comes from the person the age requires', () => {
    fc.assert(
      fc.property(fc.array(anyConsent, { maxLength: 6 }), ask, age, (consents, { recipientKind, organisation }, a) => {
        const asked = organisation === undefined ? { recipientKind } : { recipientKind, organisation };
        const answer = consentFor(consents, asked, a, TODAY);
        if (!answer.ok) return;
        const c = answer.consent;
        expect(consentState(c, TODAY)).toBe('in_force');
        expect(c.revokedOn === undefined || c.revokedOn > TODAY).toBe(true);
        expect(TODAY < c.expiresOn).toBe(true);
        expect(c.recipientKind).toBe(recipientKind);
        expect(c.organisation === undefined || c.organisation === organisation).toBe(true);
        expect(c.givenBy).toBe(a !== undefined && a < 14 ? 'guardian' : 'young_person');
        if (c.organisation === undefined) {
          const namedUsable = consents.some(
            (x) =>
              x.organisation !== undefined &&
              x.organisation === organisation &&
              x.recipientKind === recipientKind &&
              x.givenBy === c.givenBy &&
              consentState(x, TODAY) === 'in_force',
          );
          expect(namedUsable).toBe(false);
        }
      }),
    );
  });

  it('property: an expired or revoked consent never matches, whatever else is asked', () => {
    fc.assert(
      fc.property(anyConsent, ask, age, (c, asked, a) => {
        const state = consentState(c, TODAY);
        fc.pre(state === 'expired' || state === 'revoked');
        const { organisation, recipientKind } = asked;
        expect(
          consentFor([c], organisation === undefined ? { recipientKind } : { recipientKind, organisation }, a, TODAY).ok,
        ).toBe(false);
      }),
    );
  });
});

describe('consentSchema', () => {
  const valid = {
    givenBy: 'guardian',
    recipientKind: 'health',
    shares: ['first_name'],
    givenOn: '2026-03-01',
    expiresOn: '2026-09-01',
  };

  it('accepts a consent with something to share and an end after its start', () => {
    expect(consentSchema.safeParse(valid).success).toBe(true);
    expect(consentSchema.safeParse({ ...valid, organisation: ORG_A }).success).toBe(true);
  });

  it('names the field at fault', () => {
    const issue = (v: unknown) => consentSchema.safeParse(v).error?.issues[0];
    expect(issue({ ...valid, expiresOn: '2026-03-01' })).toMatchObject({ path: ['expiresOn'], message: 'expires_before_given' });
    expect(issue({ ...valid, shares: [] })).toMatchObject({ path: ['shares'], message: 'shares_empty' });
    expect(issue({ ...valid, shares: ['first_name', 'first_name'] })).toMatchObject({ path: ['shares'] });
    expect(issue({ ...valid, shares: ['school_records'] })?.path).toEqual(['shares', 0]);
    expect(issue({ ...valid, givenOn: '2026-02-30' })?.path).toEqual(['givenOn']);
  });
});

describe('shareableDetails', () => {
  const full: ChildDetails = {
    firstName: 'Ana',
    fullName: 'Ana Example',
    dateOfBirth: '2011-04-02',
    gender: 'female',
    languages: ['Spanish'],
    placement: 'Foster home',
    contact: '555-0100',
    needs: ['Dental care'],
    medicalNotes: 'Tooth pain',
  };

  it('keeps only the shared fields', () => {
    expect(shareableDetails(full, ['first_name', 'languages'])).toEqual({ firstName: 'Ana', languages: ['Spanish'] });
    expect(shareableDetails(full, [])).toEqual({});
  });

  it('property: no field outside the shares is ever returned, and a shared field keeps its value', () => {
    fc.assert(
      fc.property(
        fc.subarray([...SHAREABLE_DETAILS]),
        fc.subarray(Object.keys(full) as (keyof ChildDetails)[]),
        fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
        (shares, present, extra) => {
          // Extra, untyped keys (as a database row might carry) must not leak either.
          const details = { ...extra, ...Object.fromEntries(present.map((k) => [k, full[k]])) } as ChildDetails;
          const out = shareableDetails(details, shares);
          const allowed = new Set<string>(shares.map((s) => SHARED_FIELD[s]));
          for (const key of Object.keys(out)) {
            expect(allowed.has(key)).toBe(true);
            expect(out[key as keyof ChildDetails]).toEqual(details[key as keyof ChildDetails]);
          }
          for (const s of shares) if (details[SHARED_FIELD[s]] !== undefined) expect(out).toHaveProperty(SHARED_FIELD[s]);
        },
      ),
    );
  });
});
