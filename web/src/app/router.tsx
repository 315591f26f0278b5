/**
 * A tiny router over the History API. The URL is the single source of truth: `navigate()`
 * pushes (or replaces) a history entry and tells subscribers; the back and forward buttons
 * arrive as `popstate`. `useRoute()` turns the current location into a typed `Route`.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/** `/app/`, from Vite's `base`. */
export const BASE: string = import.meta.env.BASE_URL;

export type Route =
  | { name: 'login' }
  | { name: 'account' }
  | { name: 'setup'; token: string | null }
  | { name: 'queue' }
  | { name: 'report'; reference: string }
  | { name: 'hotline'; callId: string | null }
  | { name: 'cases' }
  | { name: 'newCase' }
  | { name: 'caseDashboard' }
  | { name: 'case'; reference: string }
  | { name: 'casePlan'; reference: string }
  | { name: 'myPlans' }
  | { name: 'planTemplates' }
  | { name: 'stats' }
  | { name: 'myPlan'; id: string }
  | { name: 'referrals' }
  | { name: 'triageRules' }
  | { name: 'referral'; reference: string }
  | { name: 'leads' }
  | { name: 'leadSettings' }
  | { name: 'adverts' }
  | { name: 'advert'; id: number }
  | { name: 'network'; id: string }
  | { name: 'adminStaff' }
  | { name: 'adminResets' }
  | { name: 'adminSignIns' }
  | { name: 'adminJobs' }
  | { name: 'adminTokens' }
  | { name: 'adminAgencies' }
  | { name: 'directory' }
  | { name: 'review' }
  | { name: 'reviewRequest'; id: string }
  | { name: 'reviewTime' }
  | { name: 'trainingSessions' }
  | { name: 'trainingSession'; id: string }
  | { name: 'myFamilies' }
  | { name: 'volunteers' }
  | { name: 'match' }
  | { name: 'families' }
  | { name: 'family'; id: string }
  | { name: 'notFound' };

export const paths = {
  login: (): string => `${BASE}login`,
  account: (): string => `${BASE}account`,
  queue: (): string => BASE,
  report: (reference: string): string => `${BASE}reports/${encodeURIComponent(reference)}`,
  hotline: (callId?: string): string => `${BASE}hotline${callId === undefined ? '' : `?call=${encodeURIComponent(callId)}`}`,
  cases: (): string => `${BASE}cases`,
  newCase: (): string => `${BASE}cases/new`,
  caseDashboard: (): string => `${BASE}cases/dashboard`,
  caseFile: (reference: string): string => `${BASE}cases/${encodeURIComponent(reference)}`,
  casePlan: (reference: string): string => `${BASE}cases/${encodeURIComponent(reference)}/plan`,
  myPlans: (): string => `${BASE}my/plans`,
  planTemplates: (): string => `${BASE}plan-templates`,
  stats: (): string => `${BASE}stats`,
  myPlan: (id: string): string => `${BASE}my/plans/${encodeURIComponent(id)}`,
  referrals: (): string => `${BASE}referrals`,
  triageRules: (): string => `${BASE}triage/rules`,
  referral: (reference: string): string => `${BASE}referrals/${encodeURIComponent(reference)}`,
  leads: (): string => `${BASE}leads`,
  leadSettings: (): string => `${BASE}leads/settings`,
  adverts: (): string => `${BASE}adverts`,
  advert: (id: number): string => `${BASE}adverts/${id}`,
  network: (id: string): string => `${BASE}networks/${encodeURIComponent(id)}`,
  adminStaff: (): string => `${BASE}admin/staff`,
  adminResets: (): string => `${BASE}admin/resets`,
  adminSignIns: (): string => `${BASE}admin/sign-ins`,
  adminJobs: (): string => `${BASE}admin/jobs`,
  adminTokens: (): string => `${BASE}admin/tokens`,
  adminAgencies: (): string => `${BASE}admin/agencies`,
  directory: (): string => `${BASE}directory`,
  review: (): string => `${BASE}review`,
  reviewRequest: (id: string): string => `${BASE}review/requests/${encodeURIComponent(id)}`,
  reviewTime: (): string => `${BASE}review/time`,
  trainingSessions: (): string => `${BASE}training/sessions`,
  trainingSession: (id: string): string => `${BASE}training/sessions/${encodeURIComponent(id)}`,
  myFamilies: (): string => `${BASE}my/families`,
  volunteers: (): string => `${BASE}volunteers`,
  match: (): string => `${BASE}volunteers/match`,
  families: (): string => `${BASE}families`,
  family: (id: string): string => `${BASE}families/${encodeURIComponent(id)}`,
};

const ADMIN_ROUTES: Readonly<Record<string, Route>> = {
  '/admin/staff': { name: 'adminStaff' },
  '/admin/resets': { name: 'adminResets' },
  '/admin/sign-ins': { name: 'adminSignIns' },
  '/admin/jobs': { name: 'adminJobs' },
  '/admin/tokens': { name: 'adminTokens' },
  '/admin/agencies': { name: 'adminAgencies' },
};

export function matchRoute(pathname: string, search: string): Route {
  const base = BASE.replace(/\/$/, '');
  if (pathname !== base && !pathname.startsWith(`${base}/`)) return { name: 'notFound' };
  const rest = pathname.slice(base.length).replace(/\/+$/, '');
  if (rest === '') return { name: 'queue' };
  if (rest === '/login') return { name: 'login' };
  if (rest === '/account') return { name: 'account' };
  if (rest === '/setup') return { name: 'setup', token: new URLSearchParams(search).get('token') };
  if (rest === '/hotline') return { name: 'hotline', callId: new URLSearchParams(search).get('call') };
  if (rest === '/cases') return { name: 'cases' };
  if (rest === '/cases/new') return { name: 'newCase' };
  if (rest === '/cases/dashboard') return { name: 'caseDashboard' };
  if (rest === '/referrals') return { name: 'referrals' };
  if (rest === '/triage/rules') return { name: 'triageRules' };
  if (rest === '/leads') return { name: 'leads' };
  if (rest === '/leads/settings') return { name: 'leadSettings' };
  if (rest === '/adverts') return { name: 'adverts' };
  if (rest === '/my/plans') return { name: 'myPlans' };
  if (rest === '/plan-templates') return { name: 'planTemplates' };
  if (rest === '/stats') return { name: 'stats' };
  const myPlan = /^\/my\/plans\/([0-9a-f-]{36})$/.exec(rest);
  if (myPlan?.[1] !== undefined) return { name: 'myPlan', id: myPlan[1] };
  const casePlan = /^\/cases\/([^/]+)\/plan$/.exec(rest);
  if (casePlan?.[1] !== undefined) {
    try {
      return { name: 'casePlan', reference: decodeURIComponent(casePlan[1]) };
    } catch {
      return { name: 'notFound' };
    }
  }
  if (rest === '/directory') return { name: 'directory' };
  if (rest === '/review') return { name: 'review' };
  if (rest === '/review/time') return { name: 'reviewTime' };
  if (rest === '/training/sessions') return { name: 'trainingSessions' };
  const trainingSession = /^\/training\/sessions\/([0-9a-f-]{36})$/.exec(rest);
  if (trainingSession?.[1] !== undefined) return { name: 'trainingSession', id: trainingSession[1] };
  const reviewRequest = /^\/review\/requests\/([0-9a-f-]{36})$/.exec(rest);
  if (reviewRequest?.[1] !== undefined) return { name: 'reviewRequest', id: reviewRequest[1] };
  if (rest === '/my/families') return { name: 'myFamilies' };
  if (rest === '/volunteers') return { name: 'volunteers' };
  if (rest === '/volunteers/match') return { name: 'match' };
  if (rest === '/families') return { name: 'families' };
  const family = /^\/families\/([0-9a-f-]{36})$/.exec(rest);
  if (family?.[1] !== undefined) return { name: 'family', id: family[1] };
  const adminRoute = ADMIN_ROUTES[rest];
  if (adminRoute !== undefined) return adminRoute;
  const advert = /^\/adverts\/(\d{1,15})$/.exec(rest);
  if (advert?.[1] !== undefined) return { name: 'advert', id: Number(advert[1]) };
  const network = /^\/networks\/([\w.-]{1,100})$/.exec(rest);
  if (network?.[1] !== undefined) return { name: 'network', id: network[1] };
  const referral = /^\/referrals\/([^/]+)$/.exec(rest);
  if (referral?.[1] !== undefined) {
    try {
      return { name: 'referral', reference: decodeURIComponent(referral[1]) };
    } catch {
      return { name: 'notFound' };
    }
  }
  const caseFile = /^\/cases\/([^/]+)$/.exec(rest);
  if (caseFile?.[1] !== undefined) {
    try {
      return { name: 'case', reference: decodeURIComponent(caseFile[1]) };
    } catch {
      return { name: 'notFound' };
    }
  }
  const report = /^\/reports\/([^/]+)$/.exec(rest);
  if (report?.[1] !== undefined) {
    try {
      return { name: 'report', reference: decodeURIComponent(report[1]) };
    } catch {
      return { name: 'notFound' };
    }
  }
  return { name: 'notFound' };
}

const NAVIGATE_EVENT = 'beacon:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** The path and query string, e.g. `/app/reports/BCN-1?x=1` (the hash is not part of a route). */
export function currentLocation(): string {
  return window.location.pathname + window.location.search;
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (to === currentLocation()) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function useLocation(): string {
  return useSyncExternalStore(subscribe, currentLocation);
}

export function useRoute(): Route {
  const location = useLocation();
  const url = new URL(location, window.location.origin);
  return matchRoute(url.pathname, url.search);
}

type AppLinkProps = { href: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>;

/** A plain `<a>` that navigates inside the app without a page load (unless modified-clicked). */
export function AppLink({ href, onClick, children, ...rest }: AppLinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      (rest.target !== undefined && rest.target !== '_self')
    ) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
