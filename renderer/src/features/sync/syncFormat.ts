// Pure helpers of the 数据同步 page (and the setup screen's fingerprint), kept apart from React
// so they are tested on their own (syncFormat.test.ts).

/** 16 groups of 4 upper-case hex digits: the way a fingerprint is read aloud (keys.ts fingerprint()). */
export function fingerprintGroups(fingerprint: string): string[] {
  const hex = fingerprint.replace(/\s+/g, '').toUpperCase();
  return hex.match(/.{1,4}/g) ?? [];
}

/** The groups in rows of four, so the reader keeps their place: "3F2A 9C01 77B0 12EF". */
export function fingerprintLines(fingerprint: string): string[] {
  const groups = fingerprintGroups(fingerprint);
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += 4) lines.push(groups.slice(i, i + 4).join(' '));
  return lines;
}

const KB = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A package's size in KB with one decimal (packages are a few KB to a few MB): "1,234.5 KB". */
export function formatKb(bytes: number): string {
  // A non-empty file never shows as 0.0 KB: that would read as an empty package.
  const kb = bytes > 0 ? Math.max(bytes / 1024, 0.1) : 0;
  return `${KB.format(kb)} KB`;
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The contract's syncTimeOfDay check, here so the form says what is wrong before sending. */
export function timeOfDayProblem(value: string): string | null {
  return TIME_OF_DAY.test(value) ? null : '时间格式应为 HH:MM，例如 22:00';
}

export interface ImportRun<C, R> {
  /** The results, one per file tried, in order. */
  results: R[];
  /** True when the admin stopped it before the last file. */
  stopped: boolean;
  /** The failed call's error (the run ends there: the folder or the server is gone). */
  error: { fileName: string; message: string } | null;
  /** Files not tried. */
  remaining: C[];
}

/**
 * Imports the files one by one, each in its own call (and its own transaction on the server),
 * so the progress shows between files and a stop takes effect between them, never halfway
 * through one. A failed call ends the run: the outcomes of a package (held, quarantined,
 * rejected) come back as results, so an error means the server or the folder is unreachable
 * and the next files would fail the same way.
 */
export async function importOneByOne<C extends { fileName: string }, R>(
  candidates: readonly C[],
  importOne: (candidate: C) => Promise<{ ok: true; value: R } | { ok: false; error: { message: string } }>,
  hooks: { onStart: (index: number, candidate: C) => void; onResult: (index: number, result: R) => void; shouldStop: () => boolean },
): Promise<ImportRun<C, R>> {
  const results: R[] = [];
  for (let i = 0; i < candidates.length; i += 1) {
    const candidate = candidates[i]!;
    if (hooks.shouldStop()) return { results, stopped: true, error: null, remaining: candidates.slice(i) };
    hooks.onStart(i, candidate);
    const answer = await importOne(candidate);
    if (!answer.ok) {
      return { results, stopped: false, error: { fileName: candidate.fileName, message: answer.error.message }, remaining: candidates.slice(i) };
    }
    results.push(answer.value);
    hooks.onResult(i, answer.value);
  }
  return { results, stopped: false, error: null, remaining: [] };
}
