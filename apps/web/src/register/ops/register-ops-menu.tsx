/**
 * Register operations reachable from the sell screen: shift (open with float, cash in/out, X report,
 * close with a counted-cash Z report), refunds/exchanges by receipt. Owned by the register-ops work;
 * the sell screen renders it. Stub until that lands.
 */
export function RegisterOpsMenu(_props: { registerId: string; storeId: string }) {
  return null;
}
