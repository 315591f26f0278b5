/** When a review request may be published: a rule on its comments and the experts' recommendations. */

export type Recommendation = 'approve' | 'change_needed';

export interface ReviewState {
  comments: readonly { answeredAt: string | null }[];
  /** Each expert's latest recommendation. */
  recommendations: readonly { recommendation: Recommendation }[];
}

export type PublishBlock = 'unanswered_comments' | 'no_approval';

/** What still stands in the way of publishing; empty when the owner may publish. */
export function publishBlocks(state: ReviewState): PublishBlock[] {
  const blocks: PublishBlock[] = [];
  if (state.comments.some((c) => c.answeredAt === null)) blocks.push('unanswered_comments');
  if (!state.recommendations.some((r) => r.recommendation === 'approve')) blocks.push('no_approval');
  return blocks;
}

export const mayPublish = (state: ReviewState): boolean => publishBlocks(state).length === 0;
