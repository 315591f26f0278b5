import { useLoad } from '../../components/useLoad';
import { Tag } from '@trussworks/react-uswds';
import type { ReactNode } from 'react';
import { AppLink, paths } from '../../app/router';
import { Facts } from '../../components/Facts';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { formatDateTime, formatPlace } from '../intake/format';
import { EVIDENCE_LABELS, KIND_LABELS, TARGET_LABELS, leadsApi, type Advert, type AdvertFlag } from './api';
import { targetHref } from './LeadsPage';
import styles from './leads.module.css';

type Highlight = { start: number; end: number; kind: string; title: string };

/** Marks this feature colours itself; identifiers keep the shared `beacon-mark--<kind>` colours. */
const MARK_CLASSES: Readonly<Record<string, string | undefined>> = { flag: styles.markFlag, age: styles.markAge };

/** Identifiers first, then flags; a span overlapping one already kept is left to the lists below. */
function highlightsOf(advert: Advert): Highlight[] {
  const all: Highlight[] = [
    ...advert.marks.map((m) => ({
      ...m.span,
      kind: m.kind,
      title: `${KIND_LABELS[m.kind] ?? m.kind}: ${m.value}${m.obfuscated ? ' (written in disguise)' : ''}`,
    })),
    ...advert.flags.map((f) => ({
      ...f.span,
      kind: 'flag',
      title: `Indicator: ${f.code} (${EVIDENCE_LABELS[f.evidence.level] ?? f.evidence.level})`,
    })),
  ];
  const kept: Highlight[] = [];
  for (const h of all) if (!kept.some((k) => h.start < k.end && k.start < h.end)) kept.push(h);
  return kept.sort((a, b) => a.start - b.start);
}

function MarkedText({ advert }: { advert: Advert }) {
  const parts: ReactNode[] = [];
  let at = 0;
  highlightsOf(advert).forEach((h, i) => {
    if (h.start > at) parts.push(advert.text.slice(at, h.start));
    parts.push(
      <mark
        key={i}
        className={`beacon-mark beacon-mark--${h.kind} ${MARK_CLASSES[h.kind] ?? ''}`}
        title={h.title}
        data-kind={h.kind}
      >
        {advert.text.slice(h.start, h.end)}
        <span className="usa-sr-only"> ({h.title})</span>
      </mark>,
    );
    at = h.end;
  });
  if (at < advert.text.length) parts.push(advert.text.slice(at));
  return <p className={styles.advertText}>{parts}</p>;
}

function FlagItem({ flag }: { flag: AdvertFlag }) {
  return (
    <li className={styles.flag} data-evidence={flag.evidence.level}>
      <Tag className={flag.evidence.predictive ? styles.evidence : styles.evidenceNot}>
        {EVIDENCE_LABELS[flag.evidence.level] ?? flag.evidence.level}
      </Tag>{' '}
      <strong>{flag.code}</strong> on “{flag.matched}”<div>Why this matters: {flag.why}</div>
      <div className="font-sans-3xs text-base">Strength of evidence: {flag.evidence.meaning}</div>
      {!flag.evidence.predictive && (
        <div>
          <strong>Found NOT predictive of trafficking</strong>: shown for transparency only; it does not raise this advert.
        </div>
      )}
      <div className="font-sans-3xs text-base">
        {flag.provenance.kind === 'organisation' ? (
          'Source: added by an analyst of this organisation.'
        ) : (
          <>
            Source: Beacon&apos;s built-in lexicon{flag.provenance.sources.length > 0 ? ', from ' : '.'}
            {flag.provenance.sources.map((s, i) => (
              <span key={s.citation}>
                {i > 0 ? '; ' : ''}
                {s.url !== null ? (
                  <a className="usa-link" href={s.url} rel="noreferrer" target="_blank">
                    {s.citation}
                  </a>
                ) : (
                  s.citation
                )}
              </span>
            ))}
          </>
        )}
      </div>
    </li>
  );
}

/** `/app/adverts/:id`: the advert's words with identifiers and indicators marked, and why each indicator matters. */
export function AdvertPage({ id }: { id: number }) {
  const { data: advert, error } = useLoad((signal) => leadsApi.advert(id, signal), [id], {
    not_found: 'There is no advert with that id that you may see.',
  });

  const back = (
    <p>
      <AppLink className="usa-link" href={paths.leads()}>
        Advert leads
      </AppLink>{' '}
      ·{' '}
      <AppLink className="usa-link" href={paths.adverts()}>
        Search adverts
      </AppLink>
    </p>
  );
  if (error !== null)
    return (
      <Page heading="Advert" above={back}>
        <Notice type="error">{error}</Notice>
      </Page>
    );
  if (advert === null)
    return (
      <Page heading="Advert" above={back}>
        <p role="status">Loading the advert…</p>
      </Page>
    );
  return (
    <Page heading={`Advert ${advert.sourceId}`} above={back}>
      <Facts
        facts={[
          ['Posted', advert.postedAt ? formatDateTime(advert.postedAt) : 'Not given'],
          ['Place', formatPlace(advert.city, advert.state) ?? 'Not given'],
          ['Site', `${advert.site ?? 'Not given'}${advert.url ? ` (${advert.url})` : ''}`],
          [
            'Network',
            advert.network ? (
              <AppLink className="usa-link" href={paths.network(advert.network)}>
                {advert.network}
              </AppLink>
            ) : (
              'Not linked yet'
            ),
          ],
        ]}
      />
      <h2>The advert’s text</h2>
      <MarkedText advert={advert} />
      {advert.leads.length > 0 && (
        <>
          <h2>Leads from this advert</h2>
          <ul aria-label="Leads from this advert">
            {advert.leads.map((l) => (
              <li key={l.id}>
                {KIND_LABELS[l.matched.kind] ?? l.matched.kind} {l.matched.value} is on{' '}
                {TARGET_LABELS[l.target.kind].toLowerCase()}{' '}
                <AppLink className="usa-link" href={targetHref(l.target)}>
                  {l.target.reference}
                </AppLink>{' '}
                ({l.status})
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Identifiers</h2>
      {advert.identifiers.length === 0 ? (
        <p>None found.</p>
      ) : (
        <ul aria-label="Identifiers in this advert">
          {advert.identifiers.map((i) => (
            <li key={i.key}>
              {KIND_LABELS[i.kind] ?? i.kind}: <span className={styles.identifier}>{i.value}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>Indicators and why they matter</h2>
      <p>An indicator is a reason to look closer, not proof. Each says how strong the evidence behind it is.</p>
      {advert.flags.length === 0 ? (
        <p>No indicators found.</p>
      ) : (
        <ul className="usa-list--unstyled" aria-label="Indicators">
          {advert.flags.map((f, i) => (
            <FlagItem key={i} flag={f} />
          ))}
        </ul>
      )}
    </Page>
  );
}
