import { Button, GridContainer, Header, Title } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';
import { AppLink, paths } from '../app/router';

type LayoutProps = {
  /** The signed-in user's email, or null before sign-in completes. */
  userEmail: string | null;
  /** The signed-in user's role: operators get a link to the hotline screen. */
  userRole?: string | null;
  onSignOut: () => void;
  children: ReactNode;
};

/** Roles that may read cases (see src/security/roles.ts). */
const CASE_ROLES: ReadonlySet<string> = new Set(['case_manager', 'supervisor', 'analyst']);

const TRIAGE_ROLES: ReadonlySet<string> = new Set(['analyst', 'supervisor']);

export function Layout({ userEmail, userRole = null, onSignOut, children }: LayoutProps) {
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
          {userEmail !== null && (
            <div className="beacon-header__user">
              {userRole !== null && CASE_ROLES.has(userRole) && (
                <nav aria-label="Cases">
                  <AppLink href={paths.cases()} className="usa-link">
                    Cases
                  </AppLink>
                  <AppLink href={paths.caseDashboard()} className="usa-link margin-left-2">
                    Deadlines
                  </AppLink>
                </nav>
              )}
              {userRole !== null && TRIAGE_ROLES.has(userRole) && (
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
              {userRole === 'partner' && (
                <nav aria-label="Main">
                  <AppLink href={paths.referrals()} className="usa-link">
                    Referrals to your agency
                  </AppLink>
                </nav>
              )}
              {userRole === 'admin' && (
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
                </nav>
              )}
              {userRole === 'operator' && (
                <nav aria-label="Main">
                  <AppLink href={paths.hotline()} className="usa-link">
                    Hotline calls
                  </AppLink>
                </nav>
              )}
              <span className="beacon-header__email">{userEmail}</span>
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
