export * from './ids/index.js';
export * from './money/index.js';
export * from './tax/index.js';
export * from './barcodes/index.js';
export * from './pricing/index.js';
export * from './time/index.js';
