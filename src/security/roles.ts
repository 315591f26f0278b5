/**
 * Who may do what, as data. Routes never test roles: they ask the policy (`authorize`), which reads
 * this table plus the record's scope. Permission names live in shared/permissions.ts (the staff app reads them too).
 */
import type { Permission } from '../shared/permissions.ts';

export { PERMISSIONS, type Permission } from '../shared/permissions.ts';

export const ROLES = [
  'admin',
  'supervisor',
  'analyst',
  'case_manager',
  'partner',
  'operator',
  'recovery',
  'plan_participant',
  'expert',
  'volunteer',
  'family_advocate',
  'trainer',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * How a role's reach over records is limited:
 * - organisation: everything the deploying organisation holds (within any jurisdictions set on the user)
 * - assignment: only records assigned to the user (cases, referrals — later issues)
 */
export type ReachKind = 'organisation' | 'assignment';

export interface RoleDefinition {
  label: string;
  permissions: readonly Permission[];
  reach: ReachKind;
}

export const ROLE_DEFINITIONS: Record<Role, RoleDefinition> = {
  admin: {
    label: 'Administrator',
    permissions: [
      'staff.manage',
      'token.manage',
      'audit.read',
      'jobs.manage',
      'case.team_manage',
      'agency.read',
      'agency.manage',
      'directory.read',
      'directory.manage',
      'stats.read',
      'review.configure',
      'training.report',
    ],
    reach: 'organisation',
  },
  supervisor: {
    label: 'Supervisor',
    permissions: [
      'report.list',
      'report.read',
      'audit.read',
      'report.export',
      'report.export_bulk',
      'case.create',
      'case.read',
      'case.update',
      'case.link',
      'case.close_approve',
      'case.export',
      'file.view',
      'case.poster',
      'case.poster_approve',
      'agency.read',
      'tip.triage',
      'tip.close_approve',
      'triage.rules',
      'referral.send',
      'referral.track',
      'advert.read',
      'lead.review',
      'lexicon.edit',
      'hub.edit',
      'plan.read',
      'plan.write',
      'plan.approve',
      'plan.template',
      'directory.read',
      'directory.manage',
      'stats.read',
      'review.request',
      'review.answer',
      'review.configure',
      'review.time_read',
      'training.report',
      'training.schedule',
      'volunteer.coordinate',
      'family.advocate',
      'family.manage',
    ],
    reach: 'organisation',
  },
  // Analysts read cases (within their jurisdictions) only to link the tips they work on.
  analyst: {
    label: 'Analyst',
    permissions: [
      'report.list',
      'report.read',
      'report.export',
      'case.read',
      'case.link',
      'file.view',
      'agency.read',
      'tip.triage',
      'referral.send',
      'referral.track',
      'advert.read',
      'lead.review',
      'lexicon.edit',
      'directory.read',
    ],
    reach: 'organisation',
  },
  case_manager: {
    label: 'Case manager',
    permissions: ['report.read', 'case.create', 'case.read', 'case.update', 'case.link', 'case.poster', 'directory.read'],
    reach: 'assignment',
  },
  partner: { label: 'Partner agency', permissions: ['report.read', 'referral.receive'], reach: 'assignment' },
  // Hotline operators write up calls; they do not read the tip queue (need to know).
  operator: { label: 'Hotline operator', permissions: ['draft.write', 'draft.submit'], reach: 'organisation' },
  // Recovery specialists plan with recovered children; they read the cases of their team to do so.
  recovery: {
    label: 'Recovery specialist',
    permissions: ['case.read', 'plan.read', 'plan.write', 'directory.read'],
    reach: 'assignment',
  },
  // Foster parents, child-welfare workers, officers invited to one plan: they see that plan's shared parts only.
  plan_participant: { label: 'Plan participant (outside)', permissions: ['plan.participate'], reach: 'assignment' },
  // Survivor experts review materials and log their time; they never reach a child, case, tip or family.
  expert: { label: 'Survivor expert', permissions: ['review.comment'], reach: 'assignment' },
  // Peer support volunteers (parents who lived it): the families matched with them, never a case.
  volunteer: { label: 'Peer support volunteer', permissions: ['peer.support'], reach: 'assignment' },
  // Family advocates: the families assigned to them, and of their cases only what a family is shown.
  family_advocate: {
    label: 'Family advocate',
    permissions: ['family.advocate', 'directory.read'],
    reach: 'assignment',
  },
  // Trainers run in-person sessions: rosters of the professionals who registered, never a child or case.
  trainer: { label: 'Trainer', permissions: ['training.schedule', 'training.report'], reach: 'organisation' },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
