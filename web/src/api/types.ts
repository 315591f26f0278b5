/**
 * The shapes the staff app reads and sends, all derived from schema.d.ts (generated from the server's
 * OpenAPI document by `npm run api-types`): none is written out by hand, so none can drift.
 */
import type { components, paths } from './schema';

type Schemas = components['schemas'];
type Json<A> = A extends { content: { 'application/json': infer T } } ? T : never;
type Responses<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R } ? R : never;

/** The JSON body of a route's successful answer (200 or 201). */
export type Ok<P extends keyof paths, M extends keyof paths[P]> =
  Responses<P, M> extends { 200: infer A } ? Json<A> : Responses<P, M> extends { 201: infer A } ? Json<A> : never;

/** The JSON body a route takes. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: infer B }
  ? Json<NonNullable<B>>
  : never;

/** The query a route takes. */
export type Query<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never;

type Item<T> = T extends { items: (infer I)[] } ? I : never;

// Signing in and passkeys
export type Session = Ok<'/api/v1/auth/session', 'get'>;
export type User = Session['user'];
export type Stage = Session['stage'];
export type StageAnswer = Ok<'/api/v1/auth/login', 'post'>;
export type Enrolment = Ok<'/api/v1/auth/totp/enrol', 'post'>;
export type SecondFactors = Ok<'/api/v1/auth/second-factors', 'get'>;
export type PasskeyListing = Ok<'/api/v1/passkeys', 'get'>;
export type Passkey = PasskeyListing['passkeys'][number];
export type PasskeyAdded = Ok<'/api/v1/passkeys', 'post'>;

// Tips (intake) and their files
export type TipPage = Ok<'/api/v1/reports', 'get'>;
export type TipDetail = Schemas['Tip'];
export type TipReport = Schemas['Report'];
export type TipCall = NonNullable<TipDetail['call']>;
export type TipChild = NonNullable<TipReport['children']>[number];
export type TipPerson = NonNullable<TipReport['persons']>[number];
export type TipVehicle = NonNullable<TipPerson['vehicle']>;
export type TipOnlinePlace = NonNullable<TipReport['online']>[number];
export type TipFiles = Ok<'/api/v1/reports/{reference}/files', 'get'>;
export type TipFile = TipFiles['files'][number];
export type ExportFormat = NonNullable<Query<'/api/v1/reports/{reference}/export', 'get'>['format']>;

// Hotline
export type Draft = Schemas['HotlineDraft'];
export type DraftReport = Draft['report'];
export type SaveBody = Body<'/api/v1/hotline/drafts/{id}', 'put'>;
export type CallDetails = Omit<NonNullable<SaveBody['call']>, 'ended'>;
export type Saved = Ok<'/api/v1/hotline/drafts/{id}', 'put'>;
export type Submitted = Ok<'/api/v1/hotline/drafts/{id}/submit', 'post'>;

// Triage
export type QueuePage = Ok<'/api/v1/triage/queue', 'get'>;
export type QueueItem = Item<QueuePage>;
export type QueueView = NonNullable<Query<'/api/v1/triage/queue', 'get'>['view']>;
export type Priority = QueueItem['priority'];
export type Workbench = Ok<'/api/v1/triage/tips/{reference}', 'get'>;
export type Highlight = Workbench['highlights'][number];
export type TipAction = Body<'/api/v1/triage/tips/{reference}/actions', 'post'>;
export type Rules = Ok<'/api/v1/triage/rules', 'get'>;
export type RuleSet = Rules['current'];
export type Rule = RuleSet['rules'][number];

// Referrals and agencies
export type Referral = Schemas['Referral'];
export type PassedOnInput = Body<'/api/v1/referrals/{reference}/passed-on', 'post'>;
export type LeadPackageView = Schemas['LeadPackage'];
export type ProposedAgency = Item<Ok<'/api/v1/triage/tips/{reference}/agencies', 'get'>>;
export type DirectoryAgency = Item<Ok<'/api/v1/agencies', 'get'>>;
export type ReferralBody = Body<'/api/v1/triage/tips/{reference}/referrals', 'post'>;

// Cases
export type CaseRecord = Schemas['Case'];
export type CaseStatus = CaseRecord['status'];
export type CasePage = Ok<'/api/v1/cases', 'get'>;
export type Episode = Schemas['Episode'];
export type Deadline = Episode['deadlines'][number];
export type EpisodeInput = Body<'/api/v1/cases/{reference}/episodes', 'post'>;
export type Observation = Item<Ok<'/api/v1/cases/{reference}/observations', 'get'>>;
export type ObservationAdded = Ok<'/api/v1/cases/{reference}/observations', 'post'>;
export type Task = Schemas['Task'];
export type TaskChange = Body<'/api/v1/cases/{reference}/tasks/{id}', 'patch'>;
export type Dashboard = Ok<'/api/v1/cases/dashboard', 'get'>;
export type DashboardDeadline = Dashboard['deadlines'][number];
export type CaseLink = Item<Ok<'/api/v1/cases/{reference}/links', 'get'>>;
export type Note = Item<Ok<'/api/v1/cases/{reference}/notes', 'get'>>;
export type TimelineItem = Item<Ok<'/api/v1/cases/{reference}/timeline', 'get'>>;
export type Indicator = Item<Ok<'/api/v1/cases/indicators', 'get'>>;
export type Team = Schemas['Team'];
export type SavedFilter = Schemas['SavedFilter'];
export type CaseFilter = SavedFilter['filter'];
export type StaffEntry = Item<Ok<'/api/v1/staff/directory', 'get'>>;
export type PosterApproval = Ok<'/api/v1/cases/{reference}/poster-approval', 'post'>;
export type PosterState = Ok<'/api/v1/cases/{reference}/poster', 'get'>;
export type Photo = Item<Ok<'/api/v1/cases/{reference}/photos', 'get'>>;

// Adverts and leads
export type AdvertSummary = Item<Ok<'/api/v1/adverts', 'get'>>;
export type Advert = Ok<'/api/v1/adverts/{id}', 'get'>;
export type AdvertFlag = Advert['flags'][number];
export type Network = Ok<'/api/v1/networks/{id}', 'get'>;
export type NetworkIdentifier = Network['identifiers'][number];
export type Stop = Network['movement'][number];
export type Lead = Item<Ok<'/api/v1/leads', 'get'>>;
export type LeadStatus = Lead['status'];
export type LeadTarget = Lead['target'];
export type SearchQuery = Query<'/api/v1/adverts', 'get'>;
export type Hub = Item<Ok<'/api/v1/hubs', 'get'>>;
export type LexiconEntryInput = Body<'/api/v1/lexicon/entries', 'post'>;
export type LexiconEntryAdded = Ok<'/api/v1/lexicon/entries', 'post'>;

// Administration
export type StaffMember = Item<Ok<'/api/v1/admin/staff', 'get'>>;
export type StaffRole = StaffMember['role'];
export type Invite = Body<'/api/v1/admin/staff', 'post'>;
export type Invited = Ok<'/api/v1/admin/staff', 'post'>;
export type StaffChange = Body<'/api/v1/admin/staff/{id}', 'patch'>;
export type ResetRequest = Item<Ok<'/api/v1/admin/reset-requests', 'get'>>;
export type ResetKind = ResetRequest['kind'];
export type ResetRequested = Ok<'/api/v1/admin/staff/{id}/reset-requests', 'post'>;
export type ResetApproved = Ok<'/api/v1/admin/reset-requests/{id}/approve', 'post'>;
export type ApiToken = Item<Ok<'/api/v1/admin/tokens', 'get'>>;
export type TokenBody = Body<'/api/v1/admin/tokens', 'post'>;
export type TokenCreated = Ok<'/api/v1/admin/tokens', 'post'>;
export type AgencyImport = Ok<'/api/v1/agencies/import', 'post'>;

// Recovery: victim assistance plans
export type CasePlan = Ok<'/api/v1/cases/{reference}/plan', 'get'>;
export type AssistancePlan = Schemas['AssistancePlan'];
export type PlanContent = AssistancePlan['content'];
export type PlanParticipant = PlanContent['participants'][number];
export type PlanNeed = PlanContent['needs'][number];
export type PlanGoal = PlanNeed['goals'][number];
export type PlanAction = PlanGoal['actions'][number];
export type PlanSupport = Schemas['PlanSupport'];
export type PlanConsent = PlanSupport['consents'][number];
export type PlanReferral = PlanSupport['referrals'][number];
export type ConsentBody = Body<'/api/v1/plans/{id}/consents', 'post'>;
export type ServiceBody = Body<'/api/v1/plans/{id}/services', 'post'>;
export type PlanReferralBody = Body<'/api/v1/plans/{id}/referrals', 'post'>;
export type ReferralEventBody = Body<'/api/v1/plans/{id}/referrals/{referralId}/events', 'post'>;
export type PlanVersions = Ok<'/api/v1/plans/{id}/versions', 'get'>;
export type PlanComparison = Ok<'/api/v1/plans/{id}/compare', 'get'>;
export type PlanTemplate = Schemas['PlanTemplate'];
export type PlanInvited = Ok<'/api/v1/plans/{id}/invitations', 'post'>;
export type ParticipantPlan = Schemas['ParticipantPlan'];
export type MyPlans = Ok<'/api/v1/my/plans', 'get'>;
// The resource directory
export type Provider = Schemas['Provider'];
export type ProviderSearch = Query<'/api/v1/providers', 'get'>;
// Staff statistics
export type StatsDashboard = Schemas['StatsDashboard'];
export type StatsSection = StatsDashboard['sections'][number];
// Survivor expert review
export type ReviewRequest = Schemas['ReviewRequest'];
export type ReviewRecommendation = ReviewRequest['recommendations'][number]['recommendation'];
export type ReviewRequestSummary = Item<Ok<'/api/v1/review/requests', 'get'>>;
export type ReviewCatalogue = Ok<'/api/v1/review/materials', 'get'>;
export type ReviewProposal = Body<'/api/v1/review/requests', 'post'>;
export type Consultation = Ok<'/api/v1/review/consultations', 'post'>;
export type ConsultationBody = Body<'/api/v1/review/consultations', 'post'>;
export type ConsultationTotals = Ok<'/api/v1/review/consultations/totals', 'get'>['items'];

// Families and peer support volunteers
export type VolunteerRoster = Schemas['VolunteerRoster'];
export type MyFamilies = Schemas['MyFamilies'];
export type AdvocacyFamily = Schemas['AdvocacyFamily'];
export type AdvocacyFamilies = Schemas['AdvocacyFamilies'];
export type FamiliesToMatch = Schemas['FamiliesToMatch'];
export type VolunteerShortlist = Schemas['VolunteerShortlist'];
export type FamilyAdvocates = Schemas['FamilyAdvocates'];
export type TrainingSession = Schemas['TrainingSession'];
export type TrainingBooking = Schemas['TrainingBooking'];
export type NewTrainingSession = Body<'/api/v1/training/sessions', 'post'>;
