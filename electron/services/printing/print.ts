// What the case services call: a receipt -> the preview lines and the bytes, and printing them
// on the counter's printer. The sender is injected so services' tests need no printer.
import { encodeEscPos } from './escpos';
import type { PaperWidth, ReceiptLayout } from './layout';
import { layoutReceipt } from './layout';
import type { Receipt } from './receipt';
import type { SendResult } from './send';
import { sendToPrinter } from './send';

export interface PrinterTarget {
  /** tcp://host:port */
  uri: string;
  paper: PaperWidth;
}

export type SendJob = (uri: string, job: Buffer) => Promise<SendResult>;

export interface RenderedReceipt {
  /** The on-screen preview: exactly the lines that print. */
  layout: ReceiptLayout;
  /** The ESC/POS job for those lines. */
  job: Buffer;
}

/** Throws DomainError VALIDATION for a receipt that must not or cannot print (full ID, too long). */
export function renderReceipt(receipt: Receipt, paper: PaperWidth): RenderedReceipt {
  const layout = layoutReceipt(receipt, paper);
  return { layout, job: encodeEscPos(layout) };
}

/** Renders and sends; a printer problem is a result (with a Chinese message), not a throw. */
export async function printReceipt(receipt: Receipt, target: PrinterTarget, send: SendJob = sendToPrinter): Promise<SendResult> {
  const { job } = renderReceipt(receipt, target.paper);
  return send(target.uri, job);
}
