import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The shared corpus of real SIP material (../shared/corpus beside the repository; see
 * corpus/SOURCES.md for the origin and licence of every file). Tests read it where it lies.
 */
export function corpusDir(): string {
  const dir = process.env.SIPFLOW_CORPUS_DIR ?? resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus');
  if (!existsSync(dir)) {
    throw new Error(`SIP corpus not found at ${dir}: clone sipflow beside ../shared or set SIPFLOW_CORPUS_DIR`);
  }
  return dir;
}

export function corpusPath(...parts: string[]): string {
  return join(corpusDir(), ...parts);
}

export function readCorpusFile(...parts: string[]): Buffer {
  return readFileSync(corpusPath(...parts));
}

/** Files of one corpus folder (sorted), optionally filtered by extension. */
export function listCorpus(folder: string, extension?: string): string[] {
  return readdirSync(corpusPath(folder))
    .filter((name) => !extension || name.endsWith(extension))
    .sort();
}

/** Sample traffic written for sipflow (samples/ at the repository root), e.g. the seed call. */
export function samplePath(...parts: string[]): string {
  return resolve(__dirname, '..', '..', '..', 'samples', ...parts);
}
