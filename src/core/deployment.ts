/**
 * Whose Beacon this is: shown on every public page. Configuration, so a state clearinghouse or
 * an NGO outside the US can put its own name, numbers and tipline here.
 */
export interface Deployment {
  orgName: string;
  /** Hotline as people read it, e.g. "1-888-555-0123". */
  hotlineDisplay: string;
  /** Hotline for a tel: link, digits and + only. */
  hotlineTel: string;
  emergencyNumber: string;
  /** The national tipline reports can also go to. */
  tiplineName: string;
  tiplineUrl: string;
  timeZone: string;
  /** Show the USWDS "official website of the United States government" banner: only true for a government agency. */
  governmentBanner: boolean;
}

export type Lang = 'en' | 'es';
export const LANGS: readonly Lang[] = ['en', 'es'];
