export { registerCatalogImportRoutes } from './import.routes.js';
export { importCatalogCsv, exportCatalogCsv, type ImportReport } from './import.service.js';
export { CSV_COLUMNS, COLUMN_HELP } from './columns.js';
