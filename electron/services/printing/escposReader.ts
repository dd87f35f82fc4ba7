// Test support (imported by *.test.ts only): reads a job written by escpos.ts back into lines,
// QR payloads and a cut, failing on any byte that is not one of our commands or GB18030 text.
// Commands start below 0x20 and no GB18030 byte of a character is below 0x30, so the two never
// mix up.
import iconv from 'iconv-lite';
import { ESC, FS, GS, LF } from './escpos';

export interface ReadLine {
  text: string;
  align: 'left' | 'center';
  size: 'normal' | 'double';
  bold: boolean;
}
export interface ReadJob {
  startsWithInit: boolean;
  chineseMode: boolean;
  lines: ReadLine[];
  qr: { payload: string; moduleDots: number; model: number; correction: number }[];
  endsWithPartialCut: boolean;
}

function byteAt(job: Buffer, at: number): number {
  const byte = job[at];
  if (byte === undefined) throw new Error(`job ends inside a command at byte ${at}`);
  return byte;
}

export function readEscPos(job: Buffer): ReadJob {
  const read: ReadJob = { startsWithInit: false, chineseMode: false, lines: [], qr: [], endsWithPartialCut: false };
  const qr = { payload: '', moduleDots: 0, model: 0, correction: 0 };
  let mode: Omit<ReadLine, 'text'> = { align: 'left', size: 'normal', bold: false };
  let text: number[] = [];
  const next = (i: number): number => byteAt(job, i);
  let at = 0;
  while (at < job.length) {
    const byte = next(at);
    if (byte >= 0x20) {
      text.push(byte);
      at += 1;
    } else if (byte === LF) {
      read.lines.push({ text: iconv.decode(Buffer.from(text), 'gb18030'), ...mode });
      text = [];
      at += 1;
    } else if (byte === ESC && next(at + 1) === 0x40) {
      read.startsWithInit ||= at === 0;
      mode = { align: 'left', size: 'normal', bold: false };
      at += 2;
    } else if (byte === FS && next(at + 1) === 0x26) {
      read.chineseMode = true;
      at += 2;
    } else if (byte === ESC && next(at + 1) === 0x61) {
      mode = { ...mode, align: next(at + 2) === 1 ? 'center' : 'left' };
      at += 3;
    } else if (byte === ESC && next(at + 1) === 0x45) {
      mode = { ...mode, bold: next(at + 2) === 1 };
      at += 3;
    } else if (byte === GS && next(at + 1) === 0x21) {
      mode = { ...mode, size: next(at + 2) === 0x11 ? 'double' : 'normal' };
      at += 3;
    } else if (byte === FS && next(at + 1) === 0x21) {
      at += 3;
    } else if (byte === GS && next(at + 1) === 0x28 && next(at + 2) === 0x6b) {
      const length = next(at + 3) + 256 * next(at + 4);
      const body = job.subarray(at + 5, at + 5 + length);
      const fn = body[1];
      if (fn === 0x41) qr.model = body[2] ?? 0;
      if (fn === 0x43) qr.moduleDots = body[2] ?? 0;
      if (fn === 0x45) qr.correction = body[2] ?? 0;
      if (fn === 0x50) qr.payload = body.subarray(3).toString('ascii');
      if (fn === 0x51) read.qr.push({ ...qr });
      at += 5 + length;
    } else if (byte === ESC && next(at + 1) === 0x64) {
      at += 3;
    } else if (byte === GS && next(at + 1) === 0x56) {
      read.endsWithPartialCut = next(at + 2) === 1 && at + 3 === job.length;
      at += 3;
    } else {
      throw new Error(`unknown command byte 0x${byte.toString(16)} at ${at}`);
    }
  }
  if (text.length > 0) throw new Error('text after the last line feed');
  return read;
}
