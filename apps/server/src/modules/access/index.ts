export { registerAccessRoutes } from './access.routes.js';
export { ALL_PERMISSIONS, BUILTIN_ROLES, PERMISSIONS, isPermission, type Permission, type BuiltinRoleKey } from './permissions.js';
export { createUser, updateUser, setPassword } from './users.service.js';
export { presentUser } from './users.repository.js';
