export { timeline, timelinesBy, type Sighting } from './timeline.ts';
