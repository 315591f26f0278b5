import type { StaffActor } from '../security/index.ts';
import {
  assignAdvocate,
  linkCase,
  recordContact,
  recordMediaRequest,
  saveFamilyPlan,
  type AdvocacyDeps,
} from './advocacy.service.ts';
import { addDays } from '../core/dates.ts';
import { VOLUNTEER_STAGES } from './rules/approval.ts';
import { logCall } from './peer.service.ts';
import {
  addFamily,
  addVolunteer,
  confirmMatch,
  endMatch,
  recordCheckIn,
  recordConsent,
  recordStage,
  todayOf,
} from './volunteers.service.ts';

const demoVolunteers = [
  {
    name: 'Dana Demo',
    languages: ['en'],
    regions: ['OK'],
    livedExperience: ['runaway', 'recovery'] as const,
    preferences: ['evenings'],
  },
  {
    name: 'Eli Example',
    languages: ['en', 'es'],
    regions: ['OK', 'TX'],
    livedExperience: ['family_abduction'] as const,
    preferences: [],
  },
  {
    name: 'Fran Sample',
    languages: ['es'],
    regions: ['TX'],
    livedExperience: ['exploitation'] as const,
    preferences: ['weekends'],
  },
];

/**
 * Synthetic families and volunteers: the first volunteer signs in with the demo volunteer account and
 * is matched (consent recorded) with the first family; the second's background check runs out next month.
 */
export async function demoFamilies(
  deps: AdvocacyDeps,
  coordinator: StaffActor,
  accounts: { volunteer?: StaffActor | undefined; advocate?: StaffActor | undefined; caseReference?: string | undefined },
): Promise<number> {
  const { volunteer } = accounts;
  const ctx = { actor: coordinator };
  const today = todayOf(deps);
  const families = [
    { name: 'The Demo family', region: 'OK', languages: ['en'], experience: ['runaway'] as const, preferences: ['evenings'] },
    { name: 'The Example family', region: 'TX', languages: ['es'], experience: ['family_abduction'] as const, preferences: [] },
  ];
  const familyIds: string[] = [];
  for (const f of families) {
    const { id } = await addFamily(deps, ctx, {
      details: {
        name: f.name,
        contacts: [
          { label: 'Mother (mobile)', value: '555-0100', sharedWithVolunteer: true },
          { label: 'Home address', value: '1 Sample Street, Demo Town', sharedWithVolunteer: false },
        ],
        noteForVolunteer: 'Prefers calls after 6 pm.',
      },
      region: f.region,
      languages: f.languages,
      experience: [...f.experience],
      preferences: f.preferences,
    });
    familyIds.push(id);
  }
  const volunteerIds: string[] = [];
  for (const [i, v] of demoVolunteers.entries()) {
    const added = await addVolunteer(deps, ctx, {
      ...v,
      livedExperience: [...v.livedExperience],
      familyLimit: 2,
      ...(i === 0 && volunteer ? { accountEmail: volunteer.email } : {}),
    });
    if ('kind' in added) throw new Error('demo volunteer account missing');
    volunteerIds.push(added.id);
    for (const stage of VOLUNTEER_STAGES) {
      const expiresSoon = i === 1 && stage === 'background_check';
      await recordStage(deps, ctx, added.id, {
        stage,
        completedOn: addDays(today, -300),
        validUntil: expiresSoon ? addDays(today, 30) : stage === 'background_check' ? addDays(today, 700) : null,
      });
    }
  }
  const match = await confirmMatch(deps, ctx, familyIds[0]!, volunteerIds[0]!);
  if (!('id' in match)) throw new Error('demo match not proposed');
  await recordConsent(deps, ctx, match.id, today);
  await recordCheckIn(deps, ctx, match.id, { checkedOn: today, concernRaised: false });
  // The Example family's first match ended at their request; Eli Example takes over.
  const ended = await confirmMatch(deps, ctx, familyIds[1]!, volunteerIds[2]!);
  if (!('id' in ended)) throw new Error('demo match not proposed');
  await endMatch(deps, ctx, ended.id, { endedOn: today, reason: 'family_request' });
  await confirmMatch(deps, ctx, familyIds[1]!, volunteerIds[1]!);
  if (volunteer)
    await logCall(deps, { actor: volunteer }, match.id, {
      calledOn: today,
      minutes: 25,
      topics: ['the search', 'sleep'],
      followUpNeeded: true,
      note: 'Will call again on Friday.',
    });
  if (accounts.advocate) await demoAdvocacy(deps, coordinator, accounts.advocate, familyIds[0]!, accounts.caseReference);
  return familyIds.length;
}

/** The first family's advocate, a linked case, a support plan, a contact with a follow-up and a media request. */
async function demoAdvocacy(
  deps: AdvocacyDeps,
  supervisor: StaffActor,
  advocate: StaffActor,
  familyId: string,
  caseReference?: string,
) {
  const today = todayOf(deps);
  await assignAdvocate(deps, { actor: supervisor }, familyId, advocate.id);
  const ctx = { actor: advocate };
  await saveFamilyPlan(deps, ctx, familyId, {
    needs: [
      { kind: 'search_information', note: 'Weekly update on the search, by phone.' },
      { kind: 'emotional_support', note: 'Peer support volunteer matched.' },
      { kind: 'media_requests', note: 'Wants all media requests to go through the advocate.' },
    ],
    resources: [
      { providerId: null, providerName: 'Demo Family Counselling (demo)', forNeed: 'emotional_support', offeredOn: today },
    ],
  });
  await recordContact(deps, ctx, familyId, {
    contactedOn: today,
    summary: 'Shared the latest search update; the family asked about travel help.',
    followUpOn: addDays(today, 7),
  });
  if (!caseReference) return;
  await linkCase(deps, { actor: supervisor }, familyId, caseReference);
  await recordMediaRequest(deps, ctx, familyId, {
    caseReference,
    requestedOn: today,
    outlet: 'Demo Evening News',
    asked: 'An interview with the parents for the anniversary.',
    answeredBy: 'Demo family advocate',
    agreedWithFamily: 'A written statement and the poster, no interview.',
  });
}
