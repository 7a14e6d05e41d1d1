export { canonicalJson } from './canonical-json.js';
export {
  appendJournal,
  GENESIS_HASH,
  listJournal,
  verifyJournal,
  type AppendJournalInput,
  type JournalBreak,
  type JournalEventType,
  type JournalVerification,
} from './journal.repository.js';
export { registerJournalRoutes } from './journal.routes.js';
