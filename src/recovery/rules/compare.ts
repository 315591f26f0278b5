/**
 * Two versions of a plan side by side. Participants, needs, goals and actions keep their ids across
 * versions, so they are matched by id: a goal reworded is one changed row, not a removal and an
 * addition. Rows follow the newer version; a removed item sits where it was in the older one. Pure.
 */
import { NEED_DOMAIN_LABELS, type ParticipantKind } from '../../shared/recovery.ts';
import type { PlanAction, PlanContent, PlanGoal, PlanParticipant } from '../plan.schema.ts';

export type PlanChange = 'added' | 'removed' | 'changed' | 'same';
export type ComparedRowKind = 'participant' | 'young_person_words' | 'sharing' | 'need' | 'goal' | 'action';
/** `kind` lets a view indent goals under needs and actions under goals. */
export type ComparedRow = {
  key: string;
  kind: ComparedRowKind;
  label: string;
  before?: string;
  after?: string;
  change: PlanChange;
};

const PARTICIPANT_WORDS: Record<ParticipantKind, string> = {
  young_person: 'young person',
  guardian: 'parent or guardian',
  foster_parent: 'foster parent',
  child_welfare: 'child welfare',
  law_enforcement: 'law enforcement',
  advocate: 'advocate',
  youth_named: 'named by the young person',
  other: 'other',
};

type ItemKind = 'participant' | 'need' | 'goal' | 'action';
type Item = { key: string; kind: ItemKind; label: string; text: string; parentKey?: string; children: Item[] };

function participantText(p: PlanParticipant): string {
  const part = p.tookPart ? 'took part' : p.notPartReason ? `did not take part: ${p.notPartReason}` : 'did not take part';
  return `${p.name} (${PARTICIPANT_WORDS[p.kind]}), ${part}`;
}

function goalText(g: PlanGoal): string {
  return `${g.description}. Measure: ${g.measure}. Target ${g.targetOn}${g.achievedOn ? `, achieved ${g.achievedOn}` : ''}.`;
}

function actionText(a: PlanAction, names: ReadonlyMap<string, string>): string {
  const owner = a.owner.name ?? (a.owner.participantId && names.get(a.owner.participantId)) ?? a.owner.kind.replace(/_/g, ' ');
  const when = a.recurrence ? `from ${a.dueOn}, ${a.recurrence}` : `by ${a.dueOn}`;
  return `${a.description}. ${owner}, ${when}.${a.outcome ? ` Outcome: ${a.outcome}` : ''}`;
}

/** Keys unique within a version even if an id was (wrongly) repeated: the second `g1` becomes `goal:g1~2`. */
function keyMaker(): (kind: ItemKind, id: string) => string {
  const seen = new Map<string, number>();
  return (kind, id) => {
    const base = `${kind}:${id}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}~${n}`;
  };
}

type Version = { participants: Item[]; needs: Item[]; index: Map<string, Item> };

function itemsOf(content: PlanContent): Version {
  const key = keyMaker();
  const names = new Map(content.participants.map((p) => [p.id, p.name]));
  const index = new Map<string, Item>();
  const add = (item: Item) => (index.set(item.key, item), item);
  const participants = content.participants.map((p) =>
    add({ key: key('participant', p.id), kind: 'participant', label: 'Participant', text: participantText(p), children: [] }),
  );
  const needs = content.needs.map((need) => {
    const needKey = key('need', need.id);
    const goals = need.goals.map((goal) => {
      const goalKey = key('goal', goal.id);
      const actions = goal.actions.map((a) =>
        add({
          key: key('action', a.id),
          kind: 'action',
          label: 'Action',
          text: actionText(a, names),
          parentKey: goalKey,
          children: [],
        }),
      );
      return add({ key: goalKey, kind: 'goal', label: 'Goal', text: goalText(goal), parentKey: needKey, children: actions });
    });
    const label = `Need: ${NEED_DOMAIN_LABELS[need.domain]}`;
    return add({ key: needKey, kind: 'need', label, text: need.description, children: goals });
  });
  return { participants, needs, index };
}

type Pair = { before?: Item; after?: Item };

/**
 * One level (the goals of a need, say) in the newer order. An older item found nowhere in the newer
 * version goes right after the older item that preceded it; one that moved under another parent is
 * left for that parent.
 */
function mergeLevel(before: Item[], after: Item[], older: Version, newer: Version): Pair[] {
  const out: Pair[] = after.map((a) => {
    const b = older.index.get(a.key);
    return b ? { before: b, after: a } : { after: a };
  });
  const here = new Set(after.map((a) => a.key));
  let anchor = -1;
  for (const b of before) {
    if (here.has(b.key)) anchor = out.findIndex((p) => p.after?.key === b.key);
    else if (!newer.index.has(b.key)) out.splice(++anchor, 0, { before: b });
  }
  return out;
}

function rowOf({ before, after }: Pair, older: Version): ComparedRow {
  if (!after) return { key: before!.key, kind: before!.kind, label: before!.label, before: before!.text, change: 'removed' };
  if (!before) return { key: after.key, kind: after.kind, label: after.label, after: after.text, change: 'added' };
  const movedFrom = before.parentKey !== after.parentKey && before.parentKey ? older.index.get(before.parentKey) : undefined;
  const afterText = movedFrom ? `${after.text} (moved from ${movedFrom.label.toLowerCase()}: ${movedFrom.text})` : after.text;
  const change = before.text === after.text && !movedFrom ? 'same' : 'changed';
  return { key: after.key, kind: after.kind, label: after.label, before: before.text, after: afterText, change };
}

function rowsOf(before: Item[], after: Item[], older: Version, newer: Version): ComparedRow[] {
  return mergeLevel(before, after, older, newer).flatMap((pair) => [
    rowOf(pair, older),
    ...rowsOf(pair.before?.children ?? [], pair.after?.children ?? [], older, newer),
  ]);
}

function valueRow(key: string, kind: ComparedRowKind, label: string, before: string, after: string): ComparedRow {
  return { key, kind, label, before, after, change: before === after ? 'same' : 'changed' };
}

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');

/**
 * Rows for a side-by-side view: participants, the young person's words, what outside participants
 * see, then each need followed by its goals, each goal by its actions.
 */
export function comparePlans(before: PlanContent, after: PlanContent): ComparedRow[] {
  const older = itemsOf(before);
  const newer = itemsOf(after);
  return [
    ...rowsOf(older.participants, newer.participants, older, newer),
    valueRow('young_person_words', 'young_person_words', "Young person's words", before.youngPersonWords, after.youngPersonWords),
    valueRow(
      'sharing.goals',
      'sharing',
      'Outside participants see the goals',
      yesNo(before.sharing.goals),
      yesNo(after.sharing.goals),
    ),
    valueRow(
      'sharing.youngPersonWords',
      'sharing',
      "Outside participants see the young person's words",
      yesNo(before.sharing.youngPersonWords),
      yesNo(after.sharing.youngPersonWords),
    ),
    ...rowsOf(older.needs, newer.needs, older, newer),
  ];
}
