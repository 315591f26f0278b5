import { useLoad } from '../../components/useLoad';
import { Table } from '@trussworks/react-uswds';
import { AppLink, paths } from '../../app/router';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { formatDateTime, formatPlace } from '../intake/format';
import { KIND_LABELS, leadsApi, type NetworkIdentifier } from './api';
import { MovementMap } from './MovementMap';
import { NetworkGraph } from './NetworkGraph';
import styles from './leads.module.css';

function IdentifierList({ items, label }: { items: NetworkIdentifier[]; label: string }) {
  return (
    <ul aria-label={label}>
      {items.map((i) => (
        <li key={i.key}>
          {KIND_LABELS[i.kind] ?? i.kind}: <span className={styles.identifier}>{i.value}</span> ({i.adverts.length}{' '}
          {i.adverts.length === 1 ? 'advert' : 'adverts'})
        </li>
      ))}
    </ul>
  );
}

/** `/app/networks/:id`: adverts linked by shared identifiers, as a graph, a table and a movement timeline. */
export function NetworkPage({ id }: { id: string }) {
  const { data: network, error } = useLoad((signal) => leadsApi.network(id, signal), [id], {
    not_found: 'There is no network with that id that you may see.',
  });

  const back = (
    <p>
      <AppLink className="usa-link" href={paths.leads()}>
        Advert leads
      </AppLink>
    </p>
  );
  if (error !== null)
    return (
      <Page heading="Network" above={back}>
        <Notice type="error">{error}</Notice>
      </Page>
    );
  if (network === null)
    return (
      <Page heading="Network" above={back}>
        <p role="status">Loading the network…</p>
      </Page>
    );
  const sourceOf = new Map(network.members.map((m) => [m.id, m.sourceId]));
  return (
    <Page heading={`Network ${network.id}`} above={back}>
      {network.requested !== network.id && (
        <Notice type="info">Network {network.requested} has joined this one: they share an identifier.</Notice>
      )}
      <p>
        {network.size} {network.size === 1 ? 'advert' : 'adverts'} linked by shared phone numbers, email addresses, handles or
        images.{network.truncated ? ` The first ${network.members.length} are shown.` : ''}
      </p>
      {network.withheld > 0 && (
        <Notice type="info">
          {network.withheld} {network.withheld === 1 ? 'advert is' : 'adverts are'} withheld: posted outside your jurisdictions.
          Their identifiers and places are left out below.
        </Notice>
      )}
      <h2>Graph</h2>
      <NetworkGraph network={network} />
      <h2>Adverts</h2>
      <Table caption="Adverts in this network, oldest first" fullWidth stackedStyle="headers">
        <thead>
          <tr>
            <th scope="col">Advert</th>
            <th scope="col">Posted</th>
            <th scope="col">Place and site</th>
            <th scope="col">Title</th>
          </tr>
        </thead>
        <tbody>
          {network.members.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                <AppLink className="usa-link" href={paths.advert(m.id)}>
                  {m.sourceId}
                </AppLink>
              </th>
              <td data-label="Posted">{m.postedAt ? formatDateTime(m.postedAt) : 'Not given'}</td>
              <td data-label="Place and site">
                {formatPlace(m.city, m.state) ?? 'Not given'}
                {m.site ? ` · ${m.site}` : ''}
              </td>
              <td data-label="Title">{m.title ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <h2>Shared identifiers</h2>
      {network.identifiers.length === 0 ? (
        <p>None.</p>
      ) : (
        <IdentifierList items={network.identifiers} label="Identifiers in this network" />
      )}
      {network.hubsExcluded.length > 0 && (
        <>
          <h3>Left out of linking (hubs)</h3>
          <p>
            These appear in many unrelated adverts (a site’s verification line, a booking service), so they do not link adverts.
          </p>
          <IdentifierList items={network.hubsExcluded} label="Hub identifiers left out" />
        </>
      )}
      <h2>Movement</h2>
      {network.movement.length === 0 ? (
        <p>No dated places.</p>
      ) : (
        <>
          <Table caption="Where the adverts were posted, in order" fullWidth stackedStyle="headers">
            <thead>
              <tr>
                <th scope="col">Stop</th>
                <th scope="col">Place</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Adverts</th>
              </tr>
            </thead>
            <tbody>
              {network.movement.map((s, i) => (
                <tr key={i}>
                  <th scope="row">Stop {i + 1}</th>
                  <td data-label="Place">{formatPlace(s.city, s.state) ?? 'Not given'}</td>
                  <td data-label="From">{formatDateTime(s.firstSeen)}</td>
                  <td data-label="To">{formatDateTime(s.lastSeen)}</td>
                  <td data-label="Adverts">{s.adverts.map((a) => sourceOf.get(a) ?? String(a)).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <MovementMap stops={network.movement} />
          <p className="font-sans-3xs text-base">
            Each dot is placed at the centre of its state: Beacon holds no city coordinates.
          </p>
        </>
      )}
    </Page>
  );
}
