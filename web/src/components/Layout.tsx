import { Button, GridContainer, Header, Title } from '@trussworks/react-uswds';
import { can } from '@shared/permissions';
import type { ReactNode } from 'react';
import type { User } from '../api/types';
import { AppLink, paths } from '../app/router';

type LayoutProps = {
  /** The signed-in user, or null before sign-in completes: the links shown follow their permissions. */
  user: User | null;
  onSignOut: () => void;
  children: ReactNode;
};

export function Layout({ user, onSignOut, children }: LayoutProps) {
  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        Skip to main content
      </a>
      <Header basic className="beacon-header">
        <div className="usa-nav-container beacon-header__bar">
          <Title>
            <AppLink href={paths.queue()}>Beacon staff</AppLink>
          </Title>
          {user !== null && (
            <div className="beacon-header__user">
              {can(user, 'case.read') && (
                <nav aria-label="Cases">
                  <AppLink href={paths.cases()} className="usa-link">
                    Cases
                  </AppLink>
                  <AppLink href={paths.caseDashboard()} className="usa-link margin-left-2">
                    Deadlines
                  </AppLink>
                  {can(user, 'plan.template') && (
                    <AppLink href={paths.planTemplates()} className="usa-link margin-left-2">
                      Plan templates
                    </AppLink>
                  )}
                </nav>
              )}
              {can(user, 'tip.triage') && (
                <nav aria-label="Triage">
                  <AppLink href={paths.queue()} className="usa-link margin-right-2">
                    Tips
                  </AppLink>
                  <AppLink href={paths.referrals()} className="usa-link margin-right-2">
                    Referrals
                  </AppLink>
                  <AppLink href={paths.triageRules()} className="usa-link margin-right-2">
                    Urgency rules
                  </AppLink>
                  <AppLink href={paths.leads()} className="usa-link margin-right-2">
                    Leads
                  </AppLink>
                </nav>
              )}
              {can(user, 'training.schedule') && (
                <nav aria-label="Training">
                  <AppLink href={paths.trainingSessions()} className="usa-link">
                    Training sessions
                  </AppLink>
                </nav>
              )}
              {can(user, 'stats.read') && (
                <nav aria-label="Statistics">
                  <AppLink href={paths.stats()} className="usa-link">
                    Statistics
                  </AppLink>
                </nav>
              )}
              {can(user, 'plan.participate') && (
                <nav aria-label="Main">
                  <AppLink href={paths.myPlans()} className="usa-link">
                    Your plans
                  </AppLink>
                </nav>
              )}
              {can(user, 'peer.support') && (
                <nav aria-label="Main">
                  <AppLink href={paths.myFamilies()} className="usa-link">
                    Your families
                  </AppLink>
                </nav>
              )}
              {can(user, 'volunteer.coordinate') && (
                <nav aria-label="Peer support">
                  <AppLink href={paths.volunteers()} className="usa-link margin-right-2">
                    Volunteers
                  </AppLink>
                  <AppLink href={paths.match()} className="usa-link">
                    Matching
                  </AppLink>
                </nav>
              )}
              {can(user, 'family.advocate') && (
                <nav aria-label="Families">
                  <AppLink href={paths.families()} className="usa-link">
                    Families
                  </AppLink>
                </nav>
              )}
              {can(user, 'referral.receive') && (
                <nav aria-label="Main">
                  <AppLink href={paths.referrals()} className="usa-link">
                    Referrals to your agency
                  </AppLink>
                </nav>
              )}
              {can(user, 'staff.manage') && (
                <nav aria-label="Administration">
                  <AppLink href={paths.adminStaff()} className="usa-link margin-right-2">
                    Staff
                  </AppLink>
                  <AppLink href={paths.adminResets()} className="usa-link margin-right-2">
                    Reset requests
                  </AppLink>
                  <AppLink href={paths.adminSignIns()} className="usa-link margin-right-2">
                    Sign-ins
                  </AppLink>
                  <AppLink href={paths.adminTokens()} className="usa-link margin-right-2">
                    Tokens
                  </AppLink>
                  <AppLink href={paths.adminAgencies()} className="usa-link margin-right-2">
                    Agencies
                  </AppLink>
                  {can(user, 'jobs.manage') && (
                    <AppLink href={paths.adminJobs()} className="usa-link margin-right-2">
                      Failed jobs
                    </AppLink>
                  )}
                </nav>
              )}
              {can(user, 'directory.read') && (
                <nav aria-label="Resources">
                  <AppLink href={paths.directory()} className="usa-link margin-right-2">
                    Resource directory
                  </AppLink>
                </nav>
              )}
              {(can(user, 'review.comment') || can(user, 'review.request')) && (
                <nav aria-label="Review">
                  <AppLink href={paths.review()} className="usa-link margin-right-2">
                    Review requests
                  </AppLink>
                </nav>
              )}
              {can(user, 'draft.write') && (
                <nav aria-label="Main">
                  <AppLink href={paths.hotline()} className="usa-link">
                    Hotline calls
                  </AppLink>
                </nav>
              )}
              <span className="beacon-header__email">{user.email}</span>
              <AppLink href={paths.account()} className="usa-link margin-right-2">
                Your account
              </AppLink>
              <Button type="button" outline onClick={onSignOut}>
                Sign out
              </Button>
            </div>
          )}
        </div>
      </Header>
      <main id="main-content" tabIndex={-1} className="beacon-main">
        <GridContainer containerSize="widescreen">{children}</GridContainer>
      </main>
    </>
  );
}
