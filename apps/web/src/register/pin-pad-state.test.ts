import { describe, expect, it } from 'vitest';
import {
  canSubmitPin,
  dotSlots,
  initialPinPadState,
  keyToAction,
  pinPadReducer,
  PIN_MAX_LENGTH,
  type PinPadAction,
} from './pin-pad-state';
import { isCompletePairingCode, normalizePairingCode } from './pairing-code';

const run = (actions: PinPadAction[]) => actions.reduce(pinPadReducer, initialPinPadState);
const digits = (s: string): PinPadAction[] => s.split('').map((digit) => ({ type: 'digit', digit }));

describe('pinPadReducer', () => {
  it('collects digits up to the maximum length', () => {
    expect(run(digits('1234')).digits).toBe('1234');
    expect(run(digits('123456789')).digits).toBe('123456');
    expect(run(digits('123456789')).digits).toHaveLength(PIN_MAX_LENGTH);
  });

  it('ignores anything that is not a single digit', () => {
    expect(run([{ type: 'digit', digit: 'a' }, { type: 'digit', digit: '12' }]).digits).toBe('');
  });

  it('deletes the last digit and clears everything', () => {
    expect(run([...digits('123'), { type: 'delete' }]).digits).toBe('12');
    expect(run([{ type: 'delete' }]).digits).toBe('');
    expect(run([...digits('123'), { type: 'clear' }]).digits).toBe('');
  });

  it('allows submitting only 4 to 6 digits', () => {
    expect(canSubmitPin(run(digits('123')))).toBe(false);
    expect(canSubmitPin(run(digits('1234')))).toBe(true);
    expect(canSubmitPin(run(digits('123456')))).toBe(true);
  });

  it('draws at least four dots and grows with input', () => {
    expect(dotSlots(run([]))).toBe(4);
    expect(dotSlots(run(digits('12345')))).toBe(5);
  });
});

describe('keyToAction', () => {
  it('maps the keyboard onto the pad', () => {
    expect(keyToAction('7')).toEqual({ type: 'digit', digit: '7' });
    expect(keyToAction('Backspace')).toEqual({ type: 'delete' });
    expect(keyToAction('Escape')).toEqual({ type: 'clear' });
    expect(keyToAction('Enter')).toBe('submit');
    expect(keyToAction('a')).toBeNull();
  });
});

describe('pairing codes', () => {
  it('normalises case, separators and look-alike characters', () => {
    expect(normalizePairingCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizePairingCode(' 7rl8 ftah ')).toBe('7RL8FTAH');
    // 0 and 1 are not in the alphabet, so they are dropped rather than guessed.
    expect(normalizePairingCode('AB01CD')).toBe('ABCD');
    expect(normalizePairingCode('ABCDEFGHJK')).toBe('ABCDEFGH');
    expect(isCompletePairingCode('abcd efgh')).toBe(true);
    expect(isCompletePairingCode('ABC')).toBe(false);
  });
});
