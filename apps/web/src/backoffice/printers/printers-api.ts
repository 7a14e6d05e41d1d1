import { api } from '../../lib/api/api-client';

/** The values `PUT /registers/:id/printer-config` accepts (server: printing.schema.ts CODEPAGES). */
export const CODEPAGES = ['cp858', 'cp437', 'cp850', 'cp852', 'cp866', 'windows1252', 'iso8859-15'] as const;
export type Codepage = (typeof CODEPAGES)[number];
export type PaperWidth = 58 | 80;
export type PrinterState = 'ready' | 'paper_out' | 'cover_open' | 'offline' | 'unknown';

export interface PrinterConfig {
  registerId: string;
  host: string;
  port: number;
  width: PaperWidth;
  codepage: Codepage;
  autoPrint: boolean;
  updatedAt: string;
}

export interface PrinterConfigInput {
  host: string;
  port: number;
  width: PaperWidth;
  codepage: Codepage;
  autoPrint: boolean;
}

export interface PrinterStatus {
  configured: boolean;
  status: PrinterState;
  queued: number;
  lastError: string | null;
  checkedAt: string | null;
}

const base = (registerId: string) => `/registers/${encodeURIComponent(registerId)}`;

export const printersApi = {
  config: (registerId: string) => api<{ printer: PrinterConfig | null }>(`${base(registerId)}/printer-config`),
  save: (registerId: string, body: PrinterConfigInput) =>
    api<{ printer: PrinterConfig }>(`${base(registerId)}/printer-config`, { method: 'PUT', body }),
  status: (registerId: string) => api<PrinterStatus>(`${base(registerId)}/printer`),
};

export const printerKeys = {
  config: (registerId: string) => ['printers', 'config', registerId] as const,
  status: (registerId: string) => ['printers', 'status', registerId] as const,
};

/** How often the page asks for the printer's state (the server probes printers on its own clock). */
export const STATUS_POLL_MS = 5000;
