/**
 * Every action an audit entry may name. One rule: `<record>.<event>`, both in lower snake_case
 * with exactly one dot (`case.episode_create`, `tip.merged`). A name that is not here does not
 * type-check, so a new kind of entry is added here first, on purpose.
 */
export const AUDIT_ACTIONS = [
  // sign-in and credentials
  'auth.password_ok',
  'auth.password_failed',
  'auth.totp_ok',
  'auth.totp_failed',
  'auth.totp_enrolled',
  'auth.signed_in',
  'auth.passkey_failed',
  'passkey.enrolled',
  'passkey.enrol_failed',
  'passkey.removed',
  'staff.create',
  'staff.password_set',
  'staff.update',
  'staff.disable',
  'staff.enable',
  'staff.reset_requested',
  'staff.reset_approved',
  'staff.reset_cancelled',
  'token.create',
  'token.revoke',
  'token.created',
  'token.revoked',
  // intake
  'report.submit',
  'report.read',
  'report.read_denied',
  'report.list',
  'report.export',
  'report.export_bulk',
  'draft.create',
  'draft.read',
  'draft.list',
  'draft.save',
  'draft.submit',
  'draft.discard',
  'file.list',
  'file.view',
  'esp.open',
  'esp.file_upload',
  'esp.file_details',
  'esp.finish',
  'esp.retract',
  // analysis
  'tip.queue_list',
  'tip.triage_read',
  'tip.note_added',
  'tip.agencies_proposed',
  'tip.merged',
  'tip.merge_undone',
  'tip.start_review',
  'tip.assign',
  'tip.link_case',
  'tip.request_close',
  'tip.decide_close',
  'tip.reopen',
  'triage.rules_saved',
  'lexicon.entry_added',
  'network.read',
  'agency.create',
  'agency.update',
  'agency.import',
  'agency.member_add',
  'referral.sent',
  'referral.list',
  'referral.read',
  'referral.read_denied',
  'referral.acknowledged',
  'referral.outcome',
  'referral.respond_denied',
  'referral.passed_on',
  'referral.passed_on_denied',
  'advert.read',
  'advert.search',
  'advert.hubs_saved',
  'lead.list',
  'lead.confirmed',
  'lead.dismissed',
  // cases
  'case.create',
  'case.read',
  'case.list',
  'case.update',
  'case.export',
  'case.purge',
  'case.retention_review',
  'case.close_request',
  'case.close_approve',
  'case.close_reject',
  'case.team_create',
  'case.team_update',
  'case.filter_list',
  'case.filter_save',
  'case.filter_delete',
  'case.timeline_read',
  'case.dashboard_read',
  'case.episode_list',
  'case.episode_create',
  'case.episode_update',
  'case.episode_review',
  'case.task_list',
  'case.task_create',
  'case.task_update',
  'case.observation_list',
  'case.observation_create',
  'case.link_list',
  'case.link',
  'case.note_list',
  'case.note_create',
  'case.photo_add',
  'case.photo_list',
  'case.photo_view',
  'case.poster',
  'case.poster_state',
  'case.poster_request',
  'case.poster_approve',
  // statistics
  'stats_release.published',
  // recovery: victim assistance plans
  'plan.create',
  'plan.read',
  'plan.save',
  'plan.versions_read',
  'plan.compared',
  'plan.submitted',
  'plan.approved',
  'plan.reviewed',
  'plan.progress_recorded',
  'plan.participant_invited',
  'plan.participant_read',
  'plan_template.saved',
  'consent.recorded',
  'consent.revoked',
  'plan_service.recorded',
  'plan_referral.sent',
  'plan_referral.refused',
  'plan_referral.updated',
  'plan_referral.form_read',
  // resource directory
  'provider.imported',
  'provider.verified',
  // family: peer support volunteers
  'family.create',
  'family.list',
  'volunteer.roster_read',
  'volunteer.create',
  'volunteer.stage_recorded',
  'volunteer.shortlist',
  'volunteer.match_confirmed',
  'volunteer.consent_recorded',
  'volunteer.match_ended',
  'volunteer.my_families',
  'volunteer.call_logged',
  // family: advocacy
  'family.read',
  'family.plan_saved',
  'family.contact_recorded',
  'family.follow_up_done',
  'family.media_request_recorded',
  'family.case_linked',
  'family.advocate_assigned',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Names written before the catalogue, frozen: entries already in the hash chain keep them (the
 * hash covers the name), so readers accept them and a filter on the new name finds them too.
 * Never add to this list; never write these names.
 */
export const LEGACY_AUDIT_ACTIONS: Readonly<Record<string, AuditAction>> = Object.freeze({
  'case.episodes.read': 'case.episode_list',
  'case.episode.create': 'case.episode_create',
  'case.episode.update': 'case.episode_update',
  'case.episode.review': 'case.episode_review',
  'case.tasks.read': 'case.task_list',
  'case.task.create': 'case.task_create',
  'case.task.update': 'case.task_update',
  'case.observations.read': 'case.observation_list',
  'case.observation.create': 'case.observation_create',
  'case.links.read': 'case.link_list',
  'case.notes.read': 'case.note_list',
  'case.note.create': 'case.note_create',
  'case.timeline.read': 'case.timeline_read',
  'case.dashboard.read': 'case.dashboard_read',
  'esp.file.upload': 'esp.file_upload',
  'esp.file.details': 'esp.file_details',
});

const CATALOGUE: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

export function isAuditAction(name: string): name is AuditAction {
  return CATALOGUE.has(name);
}

/** What a stored name means today: its catalogue name, or undefined for a name never written by Beacon. */
export function currentAction(stored: string): AuditAction | undefined {
  return isAuditAction(stored) ? stored : LEGACY_AUDIT_ACTIONS[stored];
}

/** Every stored name that means `action`: itself and the legacy names it replaced (for filters). */
export function storedNamesOf(action: AuditAction): string[] {
  return [action, ...Object.keys(LEGACY_AUDIT_ACTIONS).filter((old) => LEGACY_AUDIT_ACTIONS[old] === action)];
}
