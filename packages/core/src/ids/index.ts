export { uuidv7, isUuid } from './uuidv7.js';
