import { TerminalNoAnswer, type PaymentTerminal, type PaymentTerminalProvider, type TerminalResult } from './payment-terminal.js';

/**
 * SIMULATOR — not a real terminal. Behaves like a ZVT terminal (PA00P015) as seen by the ECR:
 * Authorization (06 01) ends in Completion (06 0F, result 00), Abort (06 1E, result 05 declined or
 * 6C aborted) or no answer at all. The terminal keeps its last transaction, which the ECR reads with a
 * Status-Enquiry / Repeat-Receipt after a lost answer — so "approved but the answer was lost" is
 * recovered from the terminal, and a retry is never a second charge.
 *
 * Scripted outcomes (a queue; empty = approve):
 * - approve: charged, answer delivered
 * - decline: not charged (issuer refused)
 * - cancel: not charged (customer or cashier aborted at the terminal)
 * - timeout: the command never reached the terminal: not charged, last transaction unchanged
 * - lost_answer: charged, but the answer never reaches the ECR
 * - hold: the customer is still at the terminal — the authorization runs until the ECR sends Abort
 *   (06 B0; it then ends "cancelled") or the test calls `completeHeld()` (it ends approved)
 */
export type SimulatedOutcome = 'approve' | 'decline' | 'cancel' | 'timeout' | 'lost_answer' | 'hold';

export class SimulatedZvtTerminal implements PaymentTerminal {
  private readonly script: SimulatedOutcome[] = [];
  private last: TerminalResult | null = null;
  private trace = 0;
  /** Every approved charge, in order (tests assert a payment is charged exactly once). */
  readonly charges: { ref: string; amount: number }[] = [];
  /** Every Authorization command the terminal received. */
  readonly commands: string[] = [];

  constructor(readonly card: { brand: string; last4: string } = { brand: 'girocard', last4: '4242' }) {}

  /** Queues the outcomes of the next authorizations. */
  next(...outcomes: SimulatedOutcome[]): this {
    this.script.push(...outcomes);
    return this;
  }

  private held: { ref: string; finish: (outcome: 'approve' | 'cancel') => void } | null = null;

  async authorize(amount: number, ref: string): Promise<TerminalResult> {
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError('amount must be a positive integer (minor units)');
    let outcome = this.script.shift() ?? 'approve';
    if (outcome === 'timeout') throw new TerminalNoAnswer(ref);
    if (outcome === 'hold') {
      outcome = await new Promise<'approve' | 'cancel'>((finish) => (this.held = { ref, finish }));
      this.held = null;
    }
    this.commands.push(ref);
    this.trace += 1;
    const traceNo = String(this.trace).padStart(6, '0');
    const approved = outcome === 'approve' || outcome === 'lost_answer';
    const result: TerminalResult = {
      status: approved ? 'approved' : outcome === 'decline' ? 'declined' : 'cancelled',
      ref,
      amount,
      brand: approved || outcome === 'decline' ? this.card.brand : null,
      last4: approved || outcome === 'decline' ? this.card.last4 : null,
      authCode: approved ? `A${traceNo}` : null,
      terminalTxId: traceNo,
      resultCode: approved ? '00' : outcome === 'decline' ? '05' : '6C',
    };
    this.last = result;
    if (approved) this.charges.push({ ref, amount });
    if (outcome === 'lost_answer') throw new TerminalNoAnswer(ref);
    return { ...result };
  }

  /** Abort (06 B0): ends the running authorization `ref` as cancelled; no effect once it finished. */
  async cancel(ref: string): Promise<void> {
    if (this.held?.ref === ref) this.held.finish('cancel');
  }

  /** The customer finished at the terminal: the held authorization ends approved. */
  completeHeld(): void {
    this.held?.finish('approve');
  }

  async lastTransactionStatus(): Promise<TerminalResult | null> {
    return this.last ? { ...this.last } : null;
  }
}

/** One simulator per register, created on first use (the default terminal selection). */
export function simulatedTerminals(): PaymentTerminalProvider & { get(registerId: string): SimulatedZvtTerminal } {
  const terminals = new Map<string, SimulatedZvtTerminal>();
  const get = (registerId: string) => {
    let t = terminals.get(registerId);
    if (!t) terminals.set(registerId, (t = new SimulatedZvtTerminal()));
    return t;
  };
  return Object.assign((registerId: string) => get(registerId), { get });
}
