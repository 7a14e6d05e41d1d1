/**
 * After payment: print, email, QR code of the digital receipt, or no receipt. Shown on the sell
 * screen's "paid" view once the sale is known to the server. Stub until the register-ops work lands.
 */
export function ReceiptDelivery(_props: { saleId: string; synced: boolean }) {
  return null;
}
