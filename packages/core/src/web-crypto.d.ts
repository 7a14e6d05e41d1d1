/**
 * Minimal typing for the WebCrypto global used by `ids/uuidv7.ts`.
 *
 * `packages/core` compiles with `lib: ["ES2023"]` and `types: []` because it must run unchanged in
 * the browser and in Node (>= 19 exposes `globalThis.crypto`), so neither DOM nor @types/node is
 * loaded. This ambient file is only part of core's own compilation (it is not imported and not
 * emitted to dist), so it cannot clash with the DOM/Node typings of the apps.
 */
interface CoreWebCrypto {
  getRandomValues<T extends ArrayBufferView>(array: T): T;
}

// eslint-disable-next-line no-var
declare var crypto: CoreWebCrypto;
