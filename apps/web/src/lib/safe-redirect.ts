/** Only same-app paths are accepted as post-login targets (no open redirect). */
export function safeRedirect(target: string | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/backoffice';
  // The login page itself is no useful destination.
  return target.startsWith('/backoffice/login') ? '/backoffice' : target;
}
