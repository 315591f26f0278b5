import type { Db } from '../database.ts';
import type { StaffActor } from '../security/index.ts';
import { addComment, answerComment, logConsultation, publish, recommend, requestReview, setRequired } from './review.service.ts';

const PAGE_BEFORE = ['If you think a child is in danger, call 911.', 'Tell us what you saw.', 'You can stay anonymous.'].join(
  '\n',
);
const PAGE_AFTER = [
  'If you think a child is in danger now, call 911.',
  'Tell us what you saw, in your own words.',
  'You can stay anonymous; we will not ask who you are.',
].join('\n');

/** A reviewed public page text, an open request with a comment, and logged consultation time, through the real services. */
export async function demoReview(deps: { db: Db }, supervisor: StaffActor, expert: StaffActor): Promise<void> {
  const review = { db: deps.db, materials: {} };
  const owner = { actor: supervisor };
  await setRequired(review, owner, 'public_page_text', true);
  const first = await requestReview(review, owner, {
    kind: 'public_page_text',
    key: 'report-intro',
    title: 'Report page introduction',
    proposed: PAGE_BEFORE,
  });
  if (!('id' in first)) return;
  await recommend(review, { actor: expert }, first.id, { recommendation: 'approve' });
  await publish(review, owner, first.id);
  const second = await requestReview(review, owner, {
    kind: 'public_page_text',
    key: 'report-intro',
    title: 'Report page introduction',
    proposed: PAGE_AFTER,
  });
  if (!('id' in second)) return;
  const commented = await addComment(review, { actor: expert }, second.id, {
    fromLine: 3,
    toLine: 3,
    body: 'Say also that a report never costs the child anything: many fear the child will be punished.',
  });
  const comment = 'comments' in commented ? commented.comments[0] : undefined;
  if (comment) await answerComment(review, owner, second.id, comment.id, 'Added to the next draft.');
  await recommend(review, { actor: expert }, second.id, {
    recommendation: 'change_needed',
    note: 'One more sentence, then I would approve.',
  });
  await logConsultation(
    review,
    { actor: expert },
    { workedOn: new Date().toISOString().slice(0, 10), minutes: 45, what: 'Report page wording' },
  );
}
