import { useCallback, useEffect, useReducer, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { canSubmitPin, dotSlots, initialPinPadState, keyToAction, pinPadReducer } from './pin-pad-state';

interface PinPadProps {
  onSubmit: (pin: string) => void;
  /** Locked out or a request in flight: input is ignored. */
  disabled: boolean;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

// Mouse/touch presses must not move focus onto the key, or a later Enter from a physical
// keyboard would "click" the last digit again instead of submitting.
const keepFocus = (e: MouseEvent) => e.preventDefault();

export function PinPad({ onSubmit, disabled }: PinPadProps) {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(pinPadReducer, initialPinPadState);
  const ready = canSubmitPin(state);

  const submit = useCallback(() => {
    if (disabled || !canSubmitPin(state)) return;
    onSubmit(state.digits);
    dispatch({ type: 'clear' });
  }, [disabled, onSubmit, state]);

  useEffect(() => {
    if (disabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const action = keyToAction(e.key);
      if (action === null) return;
      if (action === 'submit') {
        // A key focused by Tab keeps its own Enter behaviour.
        if (target?.closest('button')) return;
        e.preventDefault();
        submit();
        return;
      }
      e.preventDefault();
      dispatch(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [disabled, submit]);

  const slots = dotSlots(state);
  return (
    <div className="pin-pad" aria-disabled={disabled || undefined}>
      <div className="pin-dots" data-testid="pin-dots" aria-hidden="true">
        {Array.from({ length: slots }, (_, i) => (
          <span key={i} className={i < state.digits.length ? 'pin-dot pin-dot--filled' : 'pin-dot'} />
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {t('pin.entered', { count: state.digits.length })}
      </p>
      <div className="pin-keys">
        {DIGITS.map((d) => (
          <button
            key={d}
            type="button"
            className="pin-key"
            disabled={disabled}
            onMouseDown={keepFocus}
            onClick={() => dispatch({ type: 'digit', digit: d })}
          >
            {d}
          </button>
        ))}
        <button
          type="button"
          className="pin-key pin-key--action"
          aria-label={t('pin.delete')}
          disabled={disabled || state.digits.length === 0}
          onMouseDown={keepFocus}
          onClick={() => dispatch({ type: 'delete' })}
        >
          <span aria-hidden="true">⌫</span>
        </button>
        <button
          type="button"
          className="pin-key"
          disabled={disabled}
          onMouseDown={keepFocus}
          onClick={() => dispatch({ type: 'digit', digit: '0' })}
        >
          0
        </button>
        <button
          type="button"
          className="pin-key pin-key--ok"
          disabled={disabled || !ready}
          onMouseDown={keepFocus}
          onClick={submit}
        >
          {t('pin.ok')}
        </button>
      </div>
    </div>
  );
}
