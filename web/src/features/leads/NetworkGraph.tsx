import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'react';
import { KIND_LABELS, type Network } from './api';
import styles from './leads.module.css';

/** Adverts and the identifiers they share as a graph; the tables beside it say the same for keyboards and screen readers. */
export function NetworkGraph({ network }: { network: Network }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const members = new Set(network.members.map((m) => m.id));
    const shared = network.identifiers.filter(
      (i) => i.adverts.filter((a) => members.has(a)).length > 1 || network.members.length === 1,
    );
    const cy = cytoscape({
      container: box.current,
      elements: [
        ...network.members.map((m) => ({ data: { id: `a${m.id}`, label: m.sourceId, type: 'advert' } })),
        ...shared.map((i) => ({
          data: { id: `k${i.key}`, label: `${KIND_LABELS[i.kind] ?? i.kind}: ${i.value}`, type: 'identifier' },
        })),
        ...shared.flatMap((i) =>
          i.adverts
            .filter((a) => members.has(a))
            .map((a) => ({ data: { id: `e${a}-${i.key}`, source: `a${a}`, target: `k${i.key}` } })),
        ),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'text-valign': 'bottom' } },
        { selector: 'node[type = "advert"]', style: { 'background-color': '#005ea2', shape: 'round-rectangle' } },
        { selector: 'node[type = "identifier"]', style: { 'background-color': '#d83933', shape: 'ellipse' } },
        { selector: 'edge', style: { width: 1, 'line-color': '#a9aeb1' } },
      ],
      layout: { name: 'cose', animate: false },
      userZoomingEnabled: true,
      boxSelectionEnabled: false,
    });
    return () => cy.destroy();
  }, [network]);
  return (
    <div
      ref={box}
      className={styles.networkGraph}
      role="img"
      aria-label={`Graph of ${network.members.length} adverts and the identifiers they share; the tables below list the same`}
      data-testid="network-graph"
    />
  );
}
