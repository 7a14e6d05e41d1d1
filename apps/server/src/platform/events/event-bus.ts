import { uuidv7 } from '@opentill/core';
import type { RequestContext } from '../context.js';
import { iso } from '../clock.js';

export type DomainEventType =
  | 'sale.completed'
  | 'sale.refunded'
  | 'sale.voided'
  | 'shift.opened'
  | 'shift.closed'
  | 'stock.changed'
  | 'cash.moved'
  /** payload `{ orgId, seq, storeId }`; `storeId` (and the event's) is '' for an org-wide change. */
  | 'catalog.changed'
  /** payload `{ registerId }`: a register's printer address changed (the worker asks it at once). */
  | 'printer.configured';

export interface DomainEvent {
  type: DomainEventType;
  storeId: string;
  id: string;
  at: string;
  payload: unknown;
}

export type EventHandler = (event: DomainEvent) => void | Promise<void>;

/** Fan-out of facts that already happened (committed). Subscribers must never change the outcome. */
export interface EventBus {
  publish(event: DomainEvent): void;
  /** Returns an unsubscribe function. */
  subscribe(type: DomainEventType | '*', handler: EventHandler): () => void;
}

export type EventErrorLogger = (err: unknown, event: DomainEvent) => void;

const defaultLogger: EventErrorLogger = (err, event) => {
  console.error(`event handler for ${event.type} (${event.id}) failed:`, err);
};

/**
 * Handlers run in process, one after another, in the event loop turn after `publish` (setImmediate), so
 * a slow or failing subscriber never holds up or fails the request that published. Not a microtask:
 * those run before the request's own continuation, and the answer to the register would wait for
 * every subscriber's synchronous work (the printer's configuration lookup, say). Errors are logged.
 */
export class InProcessEventBus implements EventBus {
  private readonly handlers = new Map<string, Set<EventHandler>>();

  constructor(private readonly onError: EventErrorLogger = defaultLogger) {}

  publish(event: DomainEvent): void {
    const targets = [...(this.handlers.get(event.type) ?? []), ...(this.handlers.get('*') ?? [])];
    for (const handler of targets) {
      setImmediate(() => {
        try {
          const result = handler(event);
          if (result && typeof (result as Promise<void>).catch === 'function') {
            (result as Promise<void>).catch((err: unknown) => this.onError(err, event));
          }
        } catch (err) {
          this.onError(err, event);
        }
      });
    }
  }

  subscribe(type: DomainEventType | '*', handler: EventHandler): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }
}

/** A new event stamped with the context's clock and a fresh UUIDv7 id. */
export function domainEvent(ctx: RequestContext, type: DomainEventType, storeId: string, payload: unknown): DomainEvent {
  const now = ctx.clock.now();
  return { type, storeId, id: uuidv7(now.getTime()), at: iso(now), payload };
}

/**
 * Publishes `event` once the caller's outermost transaction has committed (nothing is published when
 * it rolls back). Outside a transaction the event is published at once. Needs `ctx.events` (set per
 * request by the app); without a bus there is nobody to tell and the event is dropped.
 */
export function publishAfterCommit(ctx: RequestContext, event: DomainEvent): void {
  const bus = ctx.events;
  if (!bus) return;
  if (!ctx.db.isTransaction) {
    bus.publish(event);
    return;
  }
  if (!ctx.afterCommit) {
    throw new Error('publishAfterCommit inside a transaction not opened with inTransaction(): the event could not be deferred');
  }
  ctx.afterCommit.push(() => bus.publish(event));
}
