import { describe, expect, it } from 'vitest';
import { fingerprintGroups, fingerprintLines, formatKb, importOneByOne, timeOfDayProblem } from './syncFormat';

const FP = '3F2A 9C01 77B0 12EF 0000 FFFF ABCD 1234 5678 9ABC DEF0 1111 2222 3333 4444 5555';

describe('fingerprint grouping', () => {
  it('gives the 16 groups of a spaced fingerprint', () => {
    const groups = fingerprintGroups(FP);
    expect(groups).toHaveLength(16);
    expect(groups[0]).toBe('3F2A');
    expect(groups[15]).toBe('5555');
  });

  it('groups an unspaced lower-case one the same way', () => {
    expect(fingerprintGroups(FP.replace(/ /g, '').toLowerCase())).toEqual(fingerprintGroups(FP));
  });

  it('lays the groups out four to a line, and the lines join back to the fingerprint', () => {
    const lines = fingerprintLines(FP);
    expect(lines).toEqual(['3F2A 9C01 77B0 12EF', '0000 FFFF ABCD 1234', '5678 9ABC DEF0 1111', '2222 3333 4444 5555']);
    expect(lines.join(' ')).toBe(FP);
  });
});

describe('formatKb', () => {
  it('shows one decimal with grouping', () => {
    expect(formatKb(1024)).toBe('1.0 KB');
    expect(formatKb(1536)).toBe('1.5 KB');
    expect(formatKb(1024 * 1234.5)).toBe('1,234.5 KB');
  });

  it('never shows a non-empty file as zero', () => {
    expect(formatKb(10)).toBe('0.1 KB');
    expect(formatKb(0)).toBe('0.0 KB');
  });
});

describe('timeOfDayProblem', () => {
  it('accepts 24-hour HH:MM only', () => {
    expect(timeOfDayProblem('22:00')).toBeNull();
    expect(timeOfDayProblem('00:59')).toBeNull();
    expect(timeOfDayProblem('24:00')).not.toBeNull();
    expect(timeOfDayProblem('9:00')).not.toBeNull();
    expect(timeOfDayProblem('22:60')).not.toBeNull();
  });
});

describe('importOneByOne', () => {
  const files = ['a', 'b', 'c'].map((fileName) => ({ fileName }));

  it('imports every file in order and reports each start and result', async () => {
    const seen: string[] = [];
    const run = await importOneByOne(files, (c) => Promise.resolve({ ok: true as const, value: c.fileName.toUpperCase() }), {
      onStart: (i, c) => seen.push(`start ${i} ${c.fileName}`),
      onResult: (i, r) => seen.push(`done ${i} ${r}`),
      shouldStop: () => false,
    });
    expect(run).toEqual({ results: ['A', 'B', 'C'], stopped: false, error: null, remaining: [] });
    expect(seen).toEqual(['start 0 a', 'done 0 A', 'start 1 b', 'done 1 B', 'start 2 c', 'done 2 C']);
  });

  it('stops between files, never sending the next one', async () => {
    const sent: string[] = [];
    let stop = false;
    const run = await importOneByOne(
      files,
      (c) => {
        sent.push(c.fileName);
        return Promise.resolve({ ok: true as const, value: c.fileName });
      },
      { onStart: () => undefined, onResult: () => (stop = true), shouldStop: () => stop },
    );
    expect(sent).toEqual(['a']);
    expect(run.stopped).toBe(true);
    expect(run.remaining.map((c) => c.fileName)).toEqual(['b', 'c']);
  });

  it('ends the run at a failed call and names the file', async () => {
    const run = await importOneByOne(
      files,
      (c) => Promise.resolve(c.fileName === 'b' ? { ok: false as const, error: { message: '无法读取文件夹' } } : { ok: true as const, value: c.fileName }),
      { onStart: () => undefined, onResult: () => undefined, shouldStop: () => false },
    );
    expect(run.results).toEqual(['a']);
    expect(run.error).toEqual({ fileName: 'b', message: '无法读取文件夹' });
    expect(run.remaining.map((c) => c.fileName)).toEqual(['b', 'c']);
    expect(run.stopped).toBe(false);
  });
});
