/**
 * Asks for a manager's PIN for an action the cashier lacks permission for (price override, line
 * removal, discounts over the limit). Resolves with the PIN to send as `X-Override-Pin`, or null when
 * cancelled. The sell screen mounts <ManagerApprovalHost/> once. Stub until the register-ops work lands.
 */
export function requestManagerApproval(_reason: string): Promise<string | null> {
  return Promise.resolve(null);
}

export function ManagerApprovalHost() {
  return null;
}
