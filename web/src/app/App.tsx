import { can } from '@shared/permissions';
import { lazy, Suspense, useEffect, useRef } from 'react';
import type { User } from '../api/types';
import { Layout } from '../components/Layout';
import { Page } from '../components/Page';
import { LoginPage } from '../features/auth/LoginPage';
import { SetupPage } from '../features/auth/SetupPage';
import { AccountPage } from '../features/passkeys/AccountPage';
import { useAuth, type AuthState } from '../features/auth/useAuth';
import { QueuePage } from '../features/triage/QueuePage';
import { ReferralPage, ReferralsPage } from '../features/triage/ReferralsPage';
import { RulesPage } from '../features/triage/RulesPage';
import { ReportPage } from '../features/intake/ReportPage';
import { HotlinePage } from '../features/hotline/HotlinePage';
import { CaseListPage } from '../features/cases/CaseListPage';
import { CasePage } from '../features/cases/CasePage';
import { NewCasePage } from '../features/cases/NewCasePage';
import { DashboardPage } from '../features/cases/DashboardPage';
import { LeadsPage } from '../features/leads/LeadsPage';
import { AdvertSearchPage } from '../features/leads/AdvertSearchPage';
import { AdvertPage } from '../features/leads/AdvertPage';
import { SettingsPage as LeadSettingsPage } from '../features/leads/SettingsPage';
import { StaffPage } from '../features/admin/StaffPage';
import { ResetsPage } from '../features/admin/ResetsPage';
import { SignInsPage } from '../features/admin/SignInsPage';
import { FailedJobsPage } from '../features/admin/FailedJobsPage';
import { TokensPage } from '../features/admin/TokensPage';
import { AgenciesPage } from '../features/admin/AgenciesPage';
import { PlanPage } from '../features/recovery/PlanPage';
import { TemplatesPage } from '../features/recovery/TemplatesPage';
import { DashboardsPage as StatsPage } from '../features/stats/DashboardsPage';
import { MyPlanPage, MyPlansPage } from '../features/recovery/MyPlansPage';
import { AdvocacyFamiliesPage, AdvocacyFamilyPage } from '../features/family/AdvocacyPages';
import { MatchPage } from '../features/family/MatchPage';
import { MyFamiliesPage } from '../features/family/MyFamiliesPage';
import { VolunteersPage } from '../features/family/VolunteersPage';
import { DirectoryPage } from '../features/directory/DirectoryPage';
import { ReviewInboxPage } from '../features/review/ReviewInboxPage';
import { ReviewRequestPage } from '../features/review/ReviewRequestPage';
import { ConsultationsPage } from '../features/review/ConsultationsPage';
import { SessionPage } from '../features/training/SessionPage';
import { SessionsPage } from '../features/training/SessionsPage';
import { AppLink, currentLocation, matchRoute, navigate, paths, useRoute, type Route } from './router';

// The network graph library (cytoscape) and the map code are loaded only when a network is opened.
const NetworkPage = lazy(() => import('../features/leads/NetworkPage').then((m) => ({ default: m.NetworkPage })));

/**
 * The staff workbench. The URL decides the page; the sign-in state decides whether it may be
 * shown. Anyone not fully signed in is sent to `/app/login` (and returned afterwards); a
 * signed-in user on `/app/login` is sent on. `/app/setup` is open to everyone.
 */
export function App() {
  const route = useRoute();
  const { state, advance, signOut } = useAuth();
  const returnTo = useRef<string | null>(null);

  useEffect(() => {
    if (route.name === 'setup' || state.status === 'loading') return;
    if (state.status !== 'active') {
      if (route.name === 'login') return;
      const explicit = state.status === 'signedOut' && state.reason === 'signedOut';
      returnTo.current = explicit ? null : currentLocation();
      navigate(paths.login(), { replace: true });
    } else if (route.name === 'login') {
      const to = returnTo.current !== null && !isHome(returnTo.current) ? returnTo.current : homeOf(state.user);
      returnTo.current = null;
      navigate(to, { replace: true });
    } else if (route.name === 'queue' && homeOf(state.user) !== paths.queue()) {
      navigate(homeOf(state.user), { replace: true });
    }
  }, [state, route.name]);

  return (
    <Layout user={state.status === 'active' ? state.user : null} onSignOut={() => void signOut()}>
      <Content route={route} state={state} advance={advance} signOut={signOut} />
    </Layout>
  );
}

type ContentProps = {
  route: Route;
  state: AuthState;
  advance: ReturnType<typeof useAuth>['advance'];
  signOut: () => Promise<void>;
};

function Content({ route, state, advance, signOut }: ContentProps) {
  if (route.name === 'setup') return <SetupPage token={route.token} />;
  if (state.status === 'loading') return <LoadingPage />;
  if (state.status !== 'active') {
    return <LoginPage state={state} onStage={advance} onCancel={() => void signOut()} />;
  }
  switch (route.name) {
    case 'login':
      return <LoadingPage />;
    case 'account':
      return <AccountPage email={state.user.email} />;
    case 'queue':
      return <QueuePage />;
    case 'report':
      return (
        <ReportPage
          key={route.reference}
          reference={route.reference}
          canTriage={can(state.user, 'tip.triage')}
          canApprove={can(state.user, 'tip.close_approve')}
        />
      );
    case 'triageRules':
      return <RulesPage canEdit={can(state.user, 'triage.rules')} />;
    case 'referrals':
      return <ReferralsPage partner={can(state.user, 'referral.receive') && !can(state.user, 'referral.track')} />;
    case 'referral':
      return <ReferralPage key={route.reference} reference={route.reference} canRespond={can(state.user, 'referral.receive')} />;
    case 'hotline':
      return <HotlinePage callId={route.callId} />;
    case 'cases':
      return <CaseListPage canOpen={can(state.user, 'case.create')} />;
    case 'newCase':
      return <NewCasePage />;
    case 'caseDashboard':
      return <DashboardPage userId={state.user.id} canSeeTeam={can(state.user, 'case.close_approve')} />;
    case 'case':
      return <CasePage key={route.reference} reference={route.reference} />;
    case 'casePlan':
      return <PlanPage key={route.reference} reference={route.reference} />;
    case 'myPlans':
      return <MyPlansPage />;
    case 'planTemplates':
      return <TemplatesPage />;
    case 'stats':
      return <StatsPage />;
    case 'myPlan':
      return <MyPlanPage key={route.id} id={route.id} />;
    case 'leads':
      return <LeadsPage />;
    case 'leadSettings':
      return <LeadSettingsPage canEditHubs={can(state.user, 'hub.edit')} />;
    case 'adverts':
      return <AdvertSearchPage />;
    case 'advert':
      return <AdvertPage key={route.id} id={route.id} />;
    case 'network':
      return (
        <Suspense fallback={<p role="status">Loading the network…</p>}>
          <NetworkPage key={route.id} id={route.id} />
        </Suspense>
      );
    case 'adminStaff':
      return <StaffPage selfId={state.user.id} />;
    case 'adminResets':
      return <ResetsPage selfId={state.user.id} />;
    case 'adminSignIns':
      return <SignInsPage />;
    case 'adminJobs':
      return <FailedJobsPage />;
    case 'adminTokens':
      return <TokensPage />;
    case 'adminAgencies':
      return <AgenciesPage />;
    case 'directory':
      return <DirectoryPage />;
    case 'review':
      return (
        <ReviewInboxPage canConfigure={can(state.user, 'review.configure')} canPropose={can(state.user, 'review.request')} />
      );
    case 'trainingSessions':
      return <SessionsPage />;
    case 'trainingSession':
      return <SessionPage key={route.id} id={route.id} />;
    case 'reviewRequest':
      return <ReviewRequestPage key={route.id} id={route.id} />;
    case 'reviewTime':
      return (
        <ConsultationsPage isExpert={can(state.user, 'review.comment')} canSeeTotals={can(state.user, 'review.time_read')} />
      );
    case 'myFamilies':
      return <MyFamiliesPage />;
    case 'volunteers':
      return <VolunteersPage />;
    case 'match':
      return <MatchPage />;
    case 'families':
      return <AdvocacyFamiliesPage canManage={can(state.user, 'family.manage')} />;
    case 'family':
      return <AdvocacyFamilyPage key={route.id} id={route.id} canManage={can(state.user, 'family.manage')} />;
    case 'notFound':
      return <NotFoundPage />;
  }
}

/**
 * Where a user starts after sign-in, from what they may do: an admin the staff list, whoever takes calls the
 * hotline, an outside participant their plans, a survivor expert the review requests, whoever opens cases or plans but does not triage their cases, a partner agency its referrals, everyone else the queue.
 */
function homeOf(user: User): string {
  if (can(user, 'staff.manage')) return paths.adminStaff();
  if (can(user, 'plan.participate')) return paths.myPlans();
  if (can(user, 'review.comment')) return paths.review();
  if (can(user, 'training.schedule') && !can(user, 'tip.triage')) return paths.trainingSessions();
  if (can(user, 'peer.support')) return paths.myFamilies();
  if (can(user, 'family.advocate') && !can(user, 'tip.triage')) return paths.families();
  if (can(user, 'plan.write') && !can(user, 'tip.triage')) return paths.cases();
  if (can(user, 'case.create') && !can(user, 'tip.triage')) return paths.cases();
  if (can(user, 'referral.receive')) return paths.referrals();
  return can(user, 'draft.write') ? paths.hotline() : paths.queue();
}

/** The bare app address, which means "my start page" rather than a page asked for. */
function isHome(location: string): boolean {
  const url = new URL(location, window.location.origin);
  return matchRoute(url.pathname, url.search).name === 'queue';
}

function LoadingPage() {
  return (
    <Page heading="Beacon staff" title="Loading">
      <p role="status">Loading…</p>
    </Page>
  );
}

function NotFoundPage() {
  return (
    <Page heading="Page not found">
      <p>There is no page at this address. Check the address, or go to the list of new tips.</p>
      <p>
        <AppLink href={paths.queue()} className="usa-link">
          Go to the queue
        </AppLink>
      </p>
    </Page>
  );
}
