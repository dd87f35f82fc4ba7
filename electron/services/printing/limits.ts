// Named limits of thermal printing (DESIGN.md §8). Printing-only, so they live here and not in
// the contract; units are last in names.
export const PRINT_LIMITS = {
  /** Model lines in one receipt (key-value, text, list, rule, amount). */
  receiptLinesMax: 60,
  titleLengthMax: 24,
  subtitleLengthMax: 64,
  /** A label and its '：' (承诺办结日期：) leave 18 of 32 columns for values on 58 mm paper. */
  labelColumnsMax: 14,
  valueLengthMax: 200,
  textLengthMax: 1000,
  listItemsMax: 30,
  listItemLengthMax: 100,
  footerLinesMax: 5,
  footerLineLengthMax: 100,
  /**
   * Printable ASCII only. 120 bytes keep the QR at version 7 or less (scannable at 3 dots a
   * module on 58 mm paper), and keep the length byte of GS ( k below 0x80, so a whole job
   * still decodes as GB18030 text when logged or captured.
   */
  qrPayloadLengthMax: 120,
  /** Printed lines after wrapping: about 1.6 m of paper, far beyond any receipt or slip. */
  layoutLinesMax: 400,
  /** Connect, write and hand-over of one job together. */
  sendTimeoutMs: 5000,
  /**
   * After the last byte left, how long to wait for the printer to close its side. Most close
   * at once; some keep the connection until the host drops it, and the job is out either way.
   */
  sendCloseGraceMs: 1000,
} as const;
