export { utcOffsetMinutes } from './utc-offset.js';
