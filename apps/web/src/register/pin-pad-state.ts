// The PIN pad as a pure reducer, so its rules are unit-testable without a DOM.

export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 6;

export interface PinPadState {
  digits: string;
}

export type PinPadAction = { type: 'digit'; digit: string } | { type: 'delete' } | { type: 'clear' };

export const initialPinPadState: PinPadState = { digits: '' };

export function pinPadReducer(state: PinPadState, action: PinPadAction): PinPadState {
  switch (action.type) {
    case 'digit':
      if (!/^[0-9]$/.test(action.digit) || state.digits.length >= PIN_MAX_LENGTH) return state;
      return { digits: state.digits + action.digit };
    case 'delete':
      return state.digits ? { digits: state.digits.slice(0, -1) } : state;
    case 'clear':
      return state.digits ? initialPinPadState : state;
  }
}

export function canSubmitPin(state: PinPadState): boolean {
  return state.digits.length >= PIN_MIN_LENGTH && state.digits.length <= PIN_MAX_LENGTH;
}

/** How many dot slots to draw: at least the minimum, growing as the cashier types. */
export function dotSlots(state: PinPadState): number {
  return Math.max(PIN_MIN_LENGTH, state.digits.length);
}

/** Maps a keyboard key to a pad action, or null when the pad should ignore it. */
export function keyToAction(key: string): PinPadAction | 'submit' | null {
  if (/^[0-9]$/.test(key)) return { type: 'digit', digit: key };
  if (key === 'Backspace' || key === 'Delete') return { type: 'delete' };
  if (key === 'Escape') return { type: 'clear' };
  if (key === 'Enter') return 'submit';
  return null;
}
