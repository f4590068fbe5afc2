// Putting a finished output in place: outputs are built at a temporary sibling path and renamed over the target,
// so a failed or aborted conversion never leaves a half-written output and an existing one is replaced whole.
import { IoError } from '@annoconv/core';
import { randomBytes } from 'node:crypto';
import { lstat, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A hidden sibling of `target` (same folder, so the final rename stays on one file system). */
export function temporarySibling(target: string, tag: string): string {
  return join(dirname(target), `.${basename(target)}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return false;
    throw new IoError(`cannot inspect output: ${(error as Error).message}`, { where: { file: path }, cause: error });
  }
}

/** Refuses an existing output unless overwriting was asked for. */
export async function refuseExisting(target: string, overwrite: boolean): Promise<void> {
  if (!overwrite && (await pathExists(target))) {
    throw new IoError('output already exists; pass overwrite (--overwrite) to replace it', { where: { file: target } });
  }
}

/**
 * Renames `temporary` to `target`. An existing target is first moved aside and deleted only once the new output
 * is in place, and moved back if the rename fails, so the target is never lost.
 */
export async function swapIntoPlace(temporary: string, target: string, overwrite: boolean): Promise<void> {
  await refuseExisting(target, overwrite);
  let aside: string | undefined;
  if (await pathExists(target)) {
    aside = temporarySibling(target, 'old');
    await wrap(() => rename(target, aside!), target, 'cannot move the existing output aside');
  }
  try {
    await wrap(() => rename(temporary, target), target, 'cannot move the output into place');
  } catch (error) {
    if (aside) await rename(aside, target).catch(() => {});
    throw error;
  }
  if (aside) await rm(aside, { recursive: true, force: true });
}

async function wrap(action: () => Promise<void>, file: string, message: string): Promise<void> {
  try {
    await action();
  } catch (error) {
    throw new IoError(`${message}: ${(error as Error).message}`, { where: { file }, cause: error });
  }
}
