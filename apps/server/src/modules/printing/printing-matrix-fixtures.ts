import type { Harness } from '../../test-support/harness.js';
import { must, send, type World } from '../../test-support/matrix-fixtures.js';

/**
 * Printing for the authorization matrix: register A gets a printer (nothing listens there and no
 * worker runs in the matrix, so jobs just wait), and one queued drawer job in store A to read.
 */
export interface PrintingWorld {
  jobA: string;
}

export async function buildPrintingWorld(h: Harness, w: World): Promise<PrintingWorld> {
  const owner = w.tokens.owner!;
  must(
    await send(h, {
      method: 'PUT',
      url: `/registers/${w.registerA}/printer-config`,
      token: owner,
      body: { host: 'matrix-printer.invalid', width: 80 },
    }),
    200,
    'PUT /registers/:id/printer-config',
  );
  const drawer = await send(h, {
    method: 'POST',
    url: `/registers/${w.registerA}/drawer/open`,
    token: owner,
    body: { reason: 'matrix' },
  });
  must(drawer, 202, 'POST /registers/:id/drawer/open');
  return { jobA: drawer.json().jobId as string };
}
