export { timeline, timelinesBy, type Sighting, type Stop } from './timeline.ts';
