export { registerAuthRoutes } from './auth.routes.js';
export { authenticate, SESSION_COOKIE } from './authenticate.js';
export { authorize, assertStoreAccess, requireActor } from './authorize.js';
export { MAX_PIN_FAILURES, PIN_LOCK_MS } from './pin.service.js';
