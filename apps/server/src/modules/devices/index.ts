export { registerDeviceRoutes } from './devices.routes.js';
