// Pure: laid-out receipt lines -> one ESC/POS job. Text is encoded here as GB18030 with
// iconv-lite, whole lines at a time.
//
// We write the command bytes ourselves rather than through node-thermal-printer (4.6.1):
// every byte of a job is either our GB18030 text or one of the fixed commands below, and the
// library would add risk, not help: its print()/println() encode one character at a time and
// switch code page for anything outside GBK (garbling the rest, STACK.md); its double size
// (ESC ! 0x30) does not apply to Chinese characters, which need GS ! or FS !; printQR() counts
// the payload in UTF-16 units but sends UTF-8 bytes; partialCut() feeds 8 lines and then sends
// ESC @, so a job never ends with its cut. escpos.test.ts checks the shared commands against
// the library's Epson table, so the two cannot drift apart unnoticed.
import iconv from 'iconv-lite';
import { assert } from '../errors';
import type { PaperWidth, PrintText, ReceiptLayout } from './layout';
import { PRINT_LIMITS } from './limits';

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const LF = 0x0a;

/** ESC @: initialise; clears what a previous, interrupted job left in the buffer and modes. */
export const INIT = [ESC, 0x40] as const;
/** FS &: Chinese mode on; multi-byte codes then print from the Chinese font (GB18030 here). */
export const CHINESE_MODE_ON = [FS, 0x26] as const;
/** ESC a n: justification of the following lines, 0 left, 1 centre. */
export const ALIGN = { left: [ESC, 0x61, 0x00], center: [ESC, 0x61, 0x01] } as const;
/** ESC E n: emphasised (bold) on or off. */
export const BOLD = { off: [ESC, 0x45, 0x00], on: [ESC, 0x45, 0x01] } as const;
/**
 * GS ! n (0x11: double width and height) sizes every character; FS ! n (0x0c: the same bits
 * of the Chinese print mode) is sent too, for printers that size Chinese characters only by it.
 */
export const SIZE = {
  normal: [GS, 0x21, 0x00, FS, 0x21, 0x00],
  double: [GS, 0x21, 0x11, FS, 0x21, 0x0c],
} as const;

// GS ( k <pL> <pH> 49 <fn> ...: the QR code functions (cn 49 = QR), pL + 256 pH bytes follow.
const QR_PREFIX = [GS, 0x28, 0x6b] as const;
const QR_CN = 0x31;
/** fn 65: model 2 (the model every phone reads). */
export const QR_MODEL_2 = [...QR_PREFIX, 0x04, 0x00, QR_CN, 0x41, 0x32, 0x00] as const;
/** fn 69: error correction M (15%), enough for a receipt kept in a pocket. */
export const QR_CORRECTION_M = [...QR_PREFIX, 0x03, 0x00, QR_CN, 0x45, 0x31] as const;
/** fn 81: print the stored symbol. */
export const QR_PRINT = [...QR_PREFIX, 0x03, 0x00, QR_CN, 0x51, 0x30] as const;
/** fn 67: module size in dots. */
export function qrModuleSize(dots: number): number[] {
  return [...QR_PREFIX, 0x03, 0x00, QR_CN, 0x43, dots];
}
/** fn 80: store the payload (printable ASCII, so characters are bytes). */
export function qrStore(payload: string): number[] {
  const length = payload.length + 3;
  return [...QR_PREFIX, length % 256, Math.floor(length / 256), QR_CN, 0x50, 0x30, ...Buffer.from(payload, 'ascii')];
}

/** ESC d n: print and feed n lines, so the last line clears the cutter, which sits above the head. */
export const FEED_BEFORE_CUT = [ESC, 0x64, 0x04] as const;
/** GS V 1: partial cut; the receipt stays hanging by a tab instead of falling on the floor. */
export const PARTIAL_CUT = [GS, 0x56, 0x01] as const;

/** Printable dots of a 203 dpi head: 48 mm on 58 mm paper, 72 mm on 80 mm. */
const PRINTABLE_DOTS: Record<PaperWidth, number> = { '58mm': 384, '80mm': 576 };
// Below 3 dots a module thermal paper blurs; above 6 a receipt QR only wastes paper.
const QR_MODULE_DOTS_MIN = 3;
const QR_MODULE_DOTS_MAX = 6;
/** Bytes a model 2 symbol holds at correction M in byte mode, versions 1 to 10. */
const QR_BYTES_AT_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213] as const;
/** Modules a symbol needs around it to scan (the quiet zone, both sides). */
const QR_QUIET_MODULES = 8;

/** The largest module size (dots) at which the payload's symbol fits the paper. */
export function qrModuleDots(payload: string, paper: PaperWidth): number {
  const version = QR_BYTES_AT_M.findIndex((capacity) => payload.length <= capacity) + 1;
  assert(version > 0 && payload.length <= PRINT_LIMITS.qrPayloadLengthMax, `QR payload too long: ${payload.length}`);
  const modules = 17 + 4 * version + QR_QUIET_MODULES;
  const dots = Math.min(QR_MODULE_DOTS_MAX, Math.floor(PRINTABLE_DOTS[paper] / modules));
  assert(dots >= QR_MODULE_DOTS_MIN, `QR version ${version} does not fit ${paper} paper`);
  return dots;
}

type Mode = Pick<PrintText, 'align' | 'size' | 'bold'>;

/** Style commands that take the printer from one mode to the next, and nothing that stays. */
function modeChange(from: Mode, to: Mode): number[] {
  const bytes: number[] = [];
  if (from.align !== to.align) bytes.push(...ALIGN[to.align]);
  if (from.bold !== to.bold) bytes.push(...BOLD[to.bold ? 'on' : 'off']);
  if (from.size !== to.size) bytes.push(...SIZE[to.size]);
  return bytes;
}

/** One job: init, Chinese mode, each line in its mode, the QR where it stands, feed and cut. */
export function encodeEscPos(layout: ReceiptLayout): Buffer {
  const parts: Buffer[] = [Buffer.from([...INIT, ...CHINESE_MODE_ON])];
  // What ESC @ leaves: left, not bold, normal size.
  let mode: Mode = { align: 'left', size: 'normal', bold: false };
  for (const line of layout.lines) {
    if (line.kind === 'qr') {
      const next: Mode = { align: 'center', size: 'normal', bold: false };
      parts.push(
        Buffer.from([
          ...modeChange(mode, next),
          ...QR_MODEL_2,
          ...qrModuleSize(qrModuleDots(line.payload, layout.paper)),
          ...QR_CORRECTION_M,
          ...qrStore(line.payload),
          ...QR_PRINT,
        ]),
      );
      mode = next;
      continue;
    }
    parts.push(Buffer.from(modeChange(mode, line)), iconv.encode(line.text, 'gb18030'), Buffer.from([LF]));
    mode = line;
  }
  parts.push(Buffer.from([...FEED_BEFORE_CUT, ...PARTIAL_CUT]));
  return Buffer.concat(parts);
}
