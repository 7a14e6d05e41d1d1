import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from './language-select';
import { useRoleLabel } from './role-label';

export interface UserMenuAction {
  id: string;
  label: string;
  onSelect: () => void;
}

interface UserMenuProps {
  name: string;
  role: string;
  /** Extra line under the name, e.g. store and register. */
  context?: ReactNode;
  actions: UserMenuAction[];
}

/** Disclosure-style menu: a button toggles a panel; Escape or a click outside closes it. */
export function UserMenu({ name, role, context, actions }: UserMenuProps) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const initials = name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('shell.userMenuFor', { name })}
        data-testid="user-menu-button"
        onClick={() => setOpen((v) => !v)}
      >
        <span className="avatar" aria-hidden="true">
          {initials}
        </span>
        <span className="user-menu__who">
          <span className="user-menu__name">{name}</span>
          <span className="user-menu__role">{roleLabel(role)}</span>
        </span>
        <span className="user-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="user-menu__panel" id={panelId}>
          <div className="user-menu__header">
            <strong>{name}</strong>
            <span className="muted">{roleLabel(role)}</span>
            {context && <span className="muted">{context}</span>}
          </div>
          <LanguageSelect />
          <ul className="user-menu__actions">
            {actions.map((action) => (
              <li key={action.id}>
                <button
                  type="button"
                  className="menu-item"
                  onClick={() => {
                    setOpen(false);
                    action.onSelect();
                  }}
                >
                  {action.label}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
