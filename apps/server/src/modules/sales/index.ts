export { registerSalesRoutes } from './sales.routes.js';
export { registerReceiptLinkLookupRoutes } from './receipt-link-lookup.js';
