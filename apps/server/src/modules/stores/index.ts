export { registerStoreRoutes, storeOfRegister } from './stores.routes.js';
export { presentRegister, presentStore } from './store.presenter.js';
export { findRegister, findStore } from './stores.repository.js';
