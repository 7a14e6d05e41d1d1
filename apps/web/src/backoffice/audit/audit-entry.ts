import type { AuditEntry } from '../../lib/api/types';

// The contract leaves AuditEntry open. The server currently sends
// {id, at, action, outcome, actor:{name,userId,apiKeyId}, entity:{type,id}, details, ...};
// read those defensively and fall back to showing raw JSON rather than hiding data.

export interface AuditView {
  id: string;
  at: string | null;
  action: string;
  outcome: string | null;
  actor: string;
  detail: string;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function compact(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && Object.keys(value).length === 0) return '';
  return JSON.stringify(value);
}

export function toAuditView(entry: AuditEntry): AuditView {
  const at = str(entry.at) ?? str(entry.createdAt) ?? str(entry.occurredAt);
  const actor =
    str(field(entry.actor, 'name')) ??
    str(entry.actorName) ??
    str(field(entry.actor, 'userId')) ??
    str(field(entry.actor, 'apiKeyId')) ??
    str(entry.actorId) ??
    '—';
  const entityType = str(field(entry.entity, 'type'));
  const detail = [entityType, compact(entry.details)].filter(Boolean).join(' ');
  return {
    id: entry.id,
    at,
    action: str(entry.action) ?? '—',
    outcome: str(entry.outcome),
    actor,
    detail,
  };
}
