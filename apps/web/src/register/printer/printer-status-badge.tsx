/**
 * The register's receipt printer state (ready, paper out, cover open, offline, jobs waiting).
 * Rendered in the register top bar. Stub until the printing work lands.
 */
export function PrinterStatusBadge(_props: { registerId: string }) {
  return null;
}
