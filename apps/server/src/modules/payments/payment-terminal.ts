/**
 * The payment port: what the server needs from a card terminal (ZVT over TCP, a cloud terminal, or
 * the simulator). Amounts are integer minor units. `ref` is the server's reference of the attempt
 * (the card payment id); a terminal remembers the last transaction it processed, so after a lost
 * answer the server asks `lastTransactionStatus()` before anything else (ZVT: Status-Enquiry /
 * Repeat-Receipt; Adyen: TransactionStatus; Stripe: retrieve PaymentIntent).
 */
export type TerminalStatus = 'approved' | 'declined' | 'cancelled';

export interface TerminalResult {
  status: TerminalStatus;
  ref: string;
  amount: number;
  /** Card brand as the terminal reports it (e.g. girocard, Visa); never a card number. */
  brand: string | null;
  last4: string | null;
  authCode: string | null;
  /** The terminal's own id of the transaction (ZVT trace/receipt number). */
  terminalTxId: string | null;
  /** ZVT result code (BMP 27), e.g. `00` approved, `05` declined, `6C` aborted. */
  resultCode: string;
}

/** The terminal gave no (complete) answer in time: the outcome is unknown until recovered. */
export class TerminalNoAnswer extends Error {
  constructor(readonly ref: string) {
    super(`No answer from the payment terminal for ${ref}`);
    this.name = 'TerminalNoAnswer';
  }
}

export interface PaymentTerminal {
  /** Runs a payment of `amount`; resolves with the outcome or rejects with TerminalNoAnswer. */
  authorize(amount: number, ref: string): Promise<TerminalResult>;
  /** Aborts the transaction `ref` if it is still running (ZVT 06 B0); no effect once finished. */
  cancel(ref: string): Promise<void>;
  /** The last transaction the terminal processed, or null if it has none. */
  lastTransactionStatus(): Promise<TerminalResult | null>;
}

export type PaymentTerminalProvider = (registerId: string) => PaymentTerminal;
