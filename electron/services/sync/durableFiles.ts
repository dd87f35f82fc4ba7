import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

// Files that must be whole or absent after a crash (keys, sync packages): written to a temp
// file that is fsynced before it takes its final name, and the directory fsynced after, so the
// name never points at a half-written file and the rename or link itself survives power loss.

/** Creates tempPath (never an existing file: 'wx'), writes all of bytes, fsyncs, closes. */
export function writeTempFile(tempPath: string, bytes: Buffer): void {
  const fd = openSync(tempPath, 'wx', 0o600);
  try {
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename or link in dir durable. */
export function fsyncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; there NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
