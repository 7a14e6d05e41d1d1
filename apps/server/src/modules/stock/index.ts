export {
  applyStockMovements,
  listStockLevels,
  listStockMovements,
  negativeStockPolicy,
  stockLevel,
  verifyStockLevels,
  type ApplyStockResult,
  type StockMismatch,
  type StockMovementInput,
  type StockMovementKind,
} from './stock.repository.js';
export { registerStockRoutes } from './stock.routes.js';
export { recordAdjustment, setNegativeStockPolicy } from './stock.service.js';
