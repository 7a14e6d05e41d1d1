import { useTranslation } from 'react-i18next';

// Built-in roles have translated names; roles created by a shop keep the name they were given.
const BUILT_IN_ROLES = ['owner', 'manager', 'cashier'] as const;
type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

function isBuiltIn(role: string): role is BuiltInRole {
  return (BUILT_IN_ROLES as readonly string[]).includes(role);
}

export function useRoleLabel(): (role: string) => string {
  const { t } = useTranslation();
  return (role) => (isBuiltIn(role) ? t(`roles.${role}`) : role);
}
