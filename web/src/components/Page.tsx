import { useEffect, useRef, type ReactNode } from 'react';

const APP_NAME = 'Beacon staff';

/** Sets the document title for the page shown. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} | ${APP_NAME}`;
  }, [title]);
}

type PageProps = {
  /** The page's one h1; also the document title unless `title` is given. */
  heading: string;
  title?: string;
  /** Shown above the heading, e.g. a back link. */
  above?: ReactNode;
  children?: ReactNode;
};

/**
 * A page: sets the document title and renders the page's single h1, which takes focus when
 * the page appears so screen-reader and keyboard users start at the new content.
 */
export function Page({ heading, title, above, children }: PageProps) {
  usePageTitle(title ?? heading);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [heading]);
  return (
    <>
      {above}
      <h1 ref={headingRef} tabIndex={-1} className="beacon-page-heading">
        {heading}
      </h1>
      {children}
    </>
  );
}
