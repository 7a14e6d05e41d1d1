export { openEventStreams, realtimeSettings, registerRealtimeRoutes } from './events.routes.js';
