import { api } from '../../lib/api/api-client';
import type { DeviceMe } from '../../lib/api/types';
import { emptyIndex, type CatalogIndex } from './catalog-index';
import { catalogCursor, loadCatalog, syncCatalog, type CatalogFetcher } from './catalog-sync';
import type { ChangesPage, SnapshotPage, StoreSettings } from './catalog-types';
import { EventStream, type Hello } from './event-stream';
import { needsReview, pendingCount, raiseRegisterSeq, recordSale, type NewSale } from './outbox';
import { registerDb, requestPersistentStorage, type OutboxEntry, type RegisterDb } from './register-db';
import { sendSale } from './sale-sender';
import { SyncWorker } from './sync-worker';

/**
 * Everything the sell screen stands on, per paired register and page: the Dexie database, the
 * in-memory catalog, the event stream, the outbox worker and the connection state. A plain object
 * with subscribe/getState so React reads it with useSyncExternalStore.
 */

export interface RuntimeState {
  /** The catalog is in memory and sales can be rung up. */
  catalogReady: boolean;
  catalogLoaded: number;
  catalogError: string | null;
  catalogVersion: number;
  catalogSeq: number | null;
  /** The server answered recently (event stream up or last request succeeded). */
  online: boolean;
  pending: number;
  review: number;
  /** The outbox stopped on 401: a cashier must sign in for the sync to continue. */
  syncNeedsLogin: boolean;
  persisted: boolean | null;
}

const fetcher: CatalogFetcher = {
  snapshot: (after, limit) => api<SnapshotPage>('/catalog/snapshot', { query: { after, limit } }),
  changes: (since, limit) => api<ChangesPage>('/catalog/changes', { query: { since, limit } }),
};

export class RegisterRuntime {
  readonly db: RegisterDb;
  readonly index: CatalogIndex = emptyIndex();
  private state: RuntimeState = {
    catalogReady: false,
    catalogLoaded: 0,
    catalogError: null,
    catalogVersion: 0,
    catalogSeq: null,
    online: typeof navigator === 'undefined' ? true : navigator.onLine,
    pending: 0,
    review: 0,
    syncNeedsLogin: false,
    persisted: null,
  };
  private readonly listeners = new Set<() => void>();
  private readonly worker: SyncWorker;
  private readonly events: EventStream;
  private syncTimer: ReturnType<typeof setTimeout> | null = null;
  private catalogRun: Promise<void> | null = null;
  private catalogAgain = false;
  private started = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly registerId: string,
    readonly store: StoreSettings,
  ) {
    this.db = registerDb(registerId);
    this.worker = new SyncWorker(this.db, {
      send: async (entry) => {
        const outcome = await sendSale(entry);
        this.setOnline(outcome.ok || outcome.error.status !== 0);
        return outcome;
      },
      onChange: () => void this.refreshCounts(),
    });
    this.events = new EventStream({
      onHello: (hello) => void this.onHello(hello),
      onCatalogChanged: (seq) => {
        if (this.state.catalogSeq === null || seq > this.state.catalogSeq) this.syncCatalog();
      },
      onConnection: (connected, status) => {
        if (connected) {
          this.setOnline(true);
          this.kickSync(true);
        } else if (status === 0) this.setOnline(false);
      },
    });
  }

  getState = (): RuntimeState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<RuntimeState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private setOnline(online: boolean): void {
    if (this.state.online !== online) this.set({ online });
  }

  private preloading: Promise<void> | null = null;

  /**
   * Loads the cached catalog into memory (a later start: no network needed). Safe to call early —
   * the register page calls it while it is still asking the server who is signed in.
   */
  preload(): Promise<void> {
    this.preloading ??= (async () => {
      const cursor = await catalogCursor(this.db);
      if (cursor === null || this.state.catalogReady) return;
      await loadCatalog(this.db, this.index);
      // The feed catches up in the background once the runtime starts.
      this.set({ catalogReady: true, catalogSeq: cursor, catalogVersion: this.index.version, catalogLoaded: this.index.products.size });
    })();
    return this.preloading;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    void requestPersistentStorage().then((persisted) => this.set({ persisted }));
    await this.refreshCounts();
    await this.preload();
    this.events.start();
    this.syncCatalog();
    this.kickSync(true);
    const online = () => {
      this.events.reconnect();
      this.kickSync(true);
    };
    const offline = () => this.setOnline(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    this.cleanups.push(() => window.removeEventListener('online', online), () => window.removeEventListener('offline', offline));
  }

  /** A cashier signed in (again): reconnect the event stream and send what waited for a session. */
  resume(): void {
    if (!this.started) return;
    this.events.reconnect();
    this.kickSync(true);
  }

  stop(): void {
    this.events.stop();
    if (this.syncTimer) clearTimeout(this.syncTimer);
    for (const c of this.cleanups.splice(0)) c();
    this.started = false;
  }

  private async onHello(hello: Hello): Promise<void> {
    this.setOnline(true);
    if (hello.registerSeq !== null) await raiseRegisterSeq(this.db, hello.registerSeq);
    if (this.state.catalogSeq === null || hello.catalogSeq > this.state.catalogSeq) this.syncCatalog();
  }

  /** Pulls the snapshot/change feed; a request while running makes it run once more. */
  syncCatalog(): void {
    if (this.catalogRun) {
      this.catalogAgain = true;
      return;
    }
    this.catalogRun = (async () => {
      do {
        this.catalogAgain = false;
        try {
          const seq = await syncCatalog(this.db, this.index, fetcher, (loaded) => this.set({ catalogLoaded: loaded }));
          this.set({ catalogReady: true, catalogSeq: seq, catalogError: null, catalogVersion: this.index.version, catalogLoaded: this.index.products.size });
          this.setOnline(true);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          this.set({ catalogError: message });
          return;
        }
      } while (this.catalogAgain);
    })().finally(() => {
      this.catalogRun = null;
    });
  }

  async refreshCounts(): Promise<void> {
    const [pending, review] = await Promise.all([pendingCount(this.db), needsReview(this.db)]);
    const first = await this.db.outbox.where('status').equals('pending').first();
    this.set({ pending, review: review.length, syncNeedsLogin: first?.lastError?.status === 401 });
  }

  /** Runs the outbox worker now and re-arms the retry timer after it. */
  kickSync(force = false): void {
    void this.worker.run({ force }).then(async (result) => {
      await this.refreshCounts();
      if (result.stopped === 'unauthenticated') this.set({ syncNeedsLogin: true });
      if (this.syncTimer) clearTimeout(this.syncTimer);
      const due = await this.worker.nextDueAt();
      if (due !== null && this.started) this.syncTimer = setTimeout(() => this.kickSync(), Math.max(250, due - Date.now()));
    });
  }

  /** Another entry (refund, cash movement, audit event) was stored: count it and send it soon. */
  async recorded(): Promise<void> {
    await this.refreshCounts();
    this.kickSync();
  }

  /** The commit point of a sale: durable in IndexedDB before this resolves, sent in the background. */
  async recordSale(sale: NewSale): Promise<OutboxEntry> {
    const entry = await recordSale(this.db, sale);
    await this.refreshCounts();
    this.kickSync();
    return entry;
  }
}

/** What local pricing needs of the store, from the paired device's answer. */
export function storeSettingsOf(device: DeviceMe): StoreSettings {
  return { storeId: device.store.id, country: device.store.address.country, currency: device.store.currency, timeZone: device.store.timeZone };
}

const runtimes = new Map<string, RegisterRuntime>();

export function runtimeFor(registerId: string, store: StoreSettings): RegisterRuntime {
  let r = runtimes.get(registerId);
  if (!r) runtimes.set(registerId, (r = new RegisterRuntime(registerId, store)));
  return r;
}
