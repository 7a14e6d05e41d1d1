/**
 * Card payment through the register's terminal (progress, cancel, decline, lost-answer recovery).
 * Calls onApproved with the server's approved card payment id to reference in POST /sales.
 * Stub until the register-ops work lands.
 */
export interface ApprovedCardPayment {
  paymentId: string;
  amount: number;
  brand: string | null;
  last4: string | null;
}

export function CardTenderPanel(_props: {
  registerId: string;
  saleId: string;
  amount: number;
  onApproved: (payment: ApprovedCardPayment) => void;
  onCancel: () => void;
}) {
  return null;
}
