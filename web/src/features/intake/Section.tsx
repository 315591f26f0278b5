import type { ReactNode } from 'react';

/** A titled part of the tip page; the heading names the region for screen readers. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="beacon-section">
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}
