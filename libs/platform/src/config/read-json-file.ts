import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors/errors';

/** A JSON file named by configuration; a missing or malformed file is a configuration problem. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`${path}: not JSON (${(error as Error).message})`]);
  }
}
