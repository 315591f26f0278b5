// The web tsconfig does not resolve JSON modules; Vite bundles this file (no network at run time).
declare module 'us-atlas/states-albers-10m.json' {
  import type { Topology } from 'topojson-specification';
  const topology: Topology;
  export default topology;
}
