export {
  enqueueDelivery,
  findJob,
  queueSignal,
  type DeliveryJob,
  type JobOutcome,
} from './delivery-queue.js';
export { DeliveryWorker, runPeriodically, RETRY, type JobHandler } from './delivery-worker.js';
export { DRAWER_WINDOW_MS, printJobHandler, probePrinters, type WorkerEnv } from './print-jobs.js';
export { DLE_EOT, DRAWER_KICK, mapStatus, type StatusAnswers } from './printer-status.js';
export {
  readStatus,
  TcpPrinterTransport,
  type PrinterEndpoint,
  type PrinterLink,
  type PrinterTransport,
} from './printer-transport.js';
export { presentJob, registerPrintingRoutes, saleOf } from './printing.routes.js';
export { onSaleDocument, requireCompleted, subscribeAutoPrint } from './printing.service.js';
export { startDelivery, type Delivery, type DeliveryOptions } from './start-delivery.js';
