// Pairing codes are 8 characters from A–Z and 2–9 (no 0/O/1/I confusion, per the API contract).
// People type them with spaces, dashes or lower case; normalise before sending.

export const PAIRING_CODE_LENGTH = 8;
const ALPHABET = /[A-Z2-9]/;

export function normalizePairingCode(input: string): string {
  return input
    .toUpperCase()
    .split('')
    .filter((ch) => ALPHABET.test(ch))
    .join('')
    .slice(0, PAIRING_CODE_LENGTH);
}

export function isCompletePairingCode(input: string): boolean {
  return normalizePairingCode(input).length === PAIRING_CODE_LENGTH;
}
