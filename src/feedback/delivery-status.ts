import { parseHeaderBlock } from './mime-part.js';

// RFC 3464's machine-readable part (message/delivery-status): per-message fields, then one block of fields per
// recipient, blocks separated by empty lines. RFC 5965's message/feedback-report is one such block.

export interface RecipientStatus {
  /** `failed`, `delayed`, `delivered`, `relayed`, `expanded` (lower case). */
  action: string;
  /** The enhanced status code, e.g. `5.1.1`, when present and well-formed. */
  status?: string | undefined;
  /** `Diagnostic-Code` without its type (`smtp; 550 ...` -> `550 ...`). */
  diagnostic?: string | undefined;
  /** `Final-Recipient` address. */
  recipient?: string | undefined;
}

/** The field blocks of a report body (each a map of lower-case names to the first value). */
export function fieldBlocks(body: string): Map<string, string>[] {
  return body
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => new Map(parseHeaderBlock(block.replace(/^\s*\r?\n/, '')).reverse()))
    .filter((block) => block.size > 0);
}

const STATUS = /^([245])\.(\d{1,3})\.(\d{1,3})$/;

/** Per-recipient statuses of a message/delivery-status body (the per-message block is skipped). */
export function readDeliveryStatus(body: string): RecipientStatus[] {
  return fieldBlocks(body)
    .filter((b) => b.has('action') || b.has('final-recipient') || b.has('status'))
    .map((b) => {
      const status = /^\s*(\d\.\d{1,3}\.\d{1,3})/.exec(b.get('status') ?? '')?.[1];
      const diagnostic = b.get('diagnostic-code')?.replace(/^[^;]*;\s*/, '');
      const recipient = b.get('final-recipient')?.replace(/^[^;]*;\s*/, '').replace(/^<|>$/g, '');
      return {
        action: (b.get('action') ?? (status?.startsWith('5') ? 'failed' : '')).trim().toLowerCase(),
        status: status && STATUS.test(status) ? status : undefined,
        diagnostic,
        recipient,
      };
    });
}
