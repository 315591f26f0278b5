/**
 * Permission names, shared by the server (the role map in security/roles.ts) and the staff app (which
 * shows only what the session's permissions allow; the server still checks every request).
 */
export const PERMISSIONS = [
  'report.list',
  'report.read',
  'staff.manage',
  'token.manage',
  'audit.read',
  // The dead-letter view of background jobs (src/core/jobs.ts): see failed jobs and retry them.
  'jobs.manage',
  'draft.write',
  'draft.submit',
  'report.export',
  'report.export_bulk',
  // Cases (missing children). Reach over cases is in cases/cases.policy.ts: own and team cases.
  'case.create',
  'case.read',
  'case.update',
  'case.link',
  'case.close_approve',
  'case.export',
  'case.team_manage',
  // Missing-child posters: a supervisor approves one before anyone can print it.
  'case.poster',
  'case.poster_approve',
  // The bytes of files ESPs uploaded (metadata stripped); the list of files and their hashes needs only report.read.
  'file.view',
  // The partner-agency directory (analysis/agencies): read to propose and refer, manage to import.
  'agency.read',
  'agency.manage',
  // Triage and referral (analysis): work the queue, approve closures, edit the urgency rules,
  // refer to a partner agency and follow referrals; partners receive what was referred to their agency.
  'tip.triage',
  'tip.close_approve',
  'triage.rules',
  'referral.send',
  'referral.track',
  'referral.receive',
  // Open-source advert leads (leads): read adverts and networks, review leads, add lexicon entries; supervisors edit the hub list.
  'advert.read',
  'lead.review',
  'lexicon.edit',
  'hub.edit',
  // Victim assistance plans (recovery): read and write the plans of cases in reach, approve them and
  // edit templates (supervisors); outside participants reach only the plans they were invited to.
  'plan.read',
  'plan.write',
  'plan.approve',
  'plan.template',
  'plan.participate',
  // The resource directory (services for victims): read to search and refer, manage to import and verify entries.
  'directory.read',
  'directory.manage',
  // Staff dashboards of live statistics (exact counts, never published as they are).
  'stats.read',
  // Survivor expert review (review): experts comment and recommend; owners (supervisors) request, answer
  // and publish; admins and supervisors switch review on per kind of material; supervisors read time totals.
  'review.comment',
  'review.request',
  'review.answer',
  'review.configure',
  'review.time_read',
  // Training: completions counted by path, language and month (certificates, never quiz answers).
  'training.report',
  // Trainers schedule in-person sessions, see their rosters and take attendance.
  'training.schedule',
  // Peer support (family): coordinators (supervisors) keep the volunteer roster, add families and
  // confirm matches; volunteers reach only the families matched with them, with consent recorded.
  'volunteer.coordinate',
  'peer.support',
  // Family advocacy: advocates reach the families assigned to them (supervisors: all in their
  // states); supervisors add families, link cases and assign advocates.
  'family.advocate',
  'family.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Whether the signed-in user holds a permission, as the session reports it. */
export function can(user: { readonly permissions: readonly string[] }, permission: Permission): boolean {
  return user.permissions.includes(permission);
}
