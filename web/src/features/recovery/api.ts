import { api, query } from '../../api/client';
import type {
  AssistancePlan,
  CasePlan,
  ConsentBody,
  MyPlans,
  ParticipantPlan,
  PlanComparison,
  PlanContent,
  PlanInvited,
  PlanSupport,
  PlanTemplate,
  PlanVersions,
  PlanReferralBody,
  ReferralEventBody,
  ServiceBody,
} from '../../api/types';

const at = (id: string) => encodeURIComponent(id);
const plan = (id: string) => `/api/v1/plans/${at(id)}`;

export const recoveryApi = {
  ofCase: (reference: string, signal: AbortSignal) => api.get<CasePlan>(`/api/v1/cases/${at(reference)}/plan`, { signal }),
  start: (reference: string, templateId: string | undefined) =>
    api.post<AssistancePlan>(`/api/v1/cases/${at(reference)}/plan`, templateId === undefined ? {} : { templateId }),
  save: (id: string, version: number, content: PlanContent) => api.put<AssistancePlan>(plan(id), { version, content }),
  step: (id: string, step: 'submit' | 'approve' | 'review') => api.post<AssistancePlan>(`${plan(id)}/${step}`),
  progress: (id: string, actionId: string, done: boolean, note: string) =>
    api.post<unknown>(`${plan(id)}/progress`, { actionId, ...(done ? { done } : {}), ...(note === '' ? {} : { note }) }),
  invite: (id: string, participantId: string, email: string) =>
    api.post<PlanInvited>(`${plan(id)}/invitations`, { participantId, email }),
  versions: (id: string, signal: AbortSignal) => api.get<PlanVersions>(`${plan(id)}/versions`, { signal }),
  compare: (id: string, from: number, to: number) => api.get<PlanComparison>(`${plan(id)}/compare${query({ from, to })}`),
  support: (id: string, signal?: AbortSignal) =>
    api.get<PlanSupport>(`${plan(id)}/support`, signal === undefined ? {} : { signal }),
  consent: (id: string, body: ConsentBody) => api.post<PlanSupport>(`${plan(id)}/consents`, body),
  revokeConsent: (id: string, consentId: string) => api.post<PlanSupport>(`${plan(id)}/consents/${at(consentId)}/revoke`),
  service: (id: string, body: ServiceBody) => api.post<PlanSupport>(`${plan(id)}/services`, body),
  refer: (id: string, body: PlanReferralBody) => api.post<PlanSupport>(`${plan(id)}/referrals`, body),
  referralEvent: (id: string, referralId: string, body: ReferralEventBody) =>
    api.post<PlanSupport>(`${plan(id)}/referrals/${at(referralId)}/events`, body),
  referralForm: (id: string, referralId: string) =>
    api.download(`${plan(id)}/referrals/${at(referralId)}/form`, 'referral-form.pdf'),
  templates: async (signal: AbortSignal): Promise<PlanTemplate[]> =>
    (await api.get<{ items: PlanTemplate[] }>('/api/v1/plan-templates', { signal })).items,
  createTemplate: (body: { name: string; content: PlanTemplate['content'] }) =>
    api.post<PlanTemplate>('/api/v1/plan-templates', body),
  saveTemplate: (familyId: string, body: { name: string; content: PlanTemplate['content'] }) =>
    api.put<PlanTemplate>(`/api/v1/plan-templates/${at(familyId)}`, body),
  myPlans: (signal: AbortSignal) => api.get<MyPlans>('/api/v1/my/plans', { signal }),
  myPlan: (id: string, signal: AbortSignal) => api.get<ParticipantPlan>(`/api/v1/my/plans/${at(id)}`, { signal }),
  myProgress: (id: string, actionId: string, done: boolean, note: string) =>
    api.post<ParticipantPlan>(`/api/v1/my/plans/${at(id)}/progress`, {
      actionId,
      ...(done ? { done } : {}),
      ...(note === '' ? {} : { note }),
    }),
};
