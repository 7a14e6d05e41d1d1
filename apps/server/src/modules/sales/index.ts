export { registerSalesRoutes } from './sales.routes.js';
