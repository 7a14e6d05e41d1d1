// Why the PIN pad is showing, kept per tab so it can say "Locked by Chris" or "Switch cashier".
// Locking also ends the server session, so this is only a hint, never an authorisation.

export type PinPrompt = { kind: 'locked'; name: string } | { kind: 'switch' };

const KEY = 'opentill.pinPrompt';

export function getPinPrompt(): PinPrompt | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<PinPrompt> & { name?: unknown };
    if (parsed.kind === 'switch') return { kind: 'switch' };
    if (parsed.kind === 'locked' && typeof parsed.name === 'string') return { kind: 'locked', name: parsed.name };
    return null;
  } catch {
    return null;
  }
}

export function setPinPrompt(prompt: PinPrompt | null): void {
  try {
    if (prompt) sessionStorage.setItem(KEY, JSON.stringify(prompt));
    else sessionStorage.removeItem(KEY);
  } catch {
    // Only a hint; nothing to do.
  }
}
