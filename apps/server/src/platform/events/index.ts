export {
  domainEvent,
  InProcessEventBus,
  publishAfterCommit,
  type DomainEvent,
  type DomainEventType,
  type EventBus,
  type EventHandler,
} from './event-bus.js';
