export { registerCardPaymentRoutes } from './card-payments.routes.js';
export { TerminalNoAnswer, type PaymentTerminal, type PaymentTerminalProvider, type TerminalResult } from './payment-terminal.js';
export { SimulatedZvtTerminal, simulatedTerminals, type SimulatedOutcome } from './simulated-zvt-terminal.js';
