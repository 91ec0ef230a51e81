import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A fingerprint of what a portal build is made from (the path and content of every source file,
 * so a checkout or cache restore that only touches times keeps it): a build made from other
 * sources is stale and is rebuilt before it is served.
 */
export function sourceStamp(root: string, paths: readonly string[]): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort())
        if (name !== 'node_modules' && name !== '.next') visit(join(path, name));
    } else {
      hash.update(`${relative(root, path)}\0${stat.size}\0`).update(readFileSync(path));
    }
  };
  for (const path of paths) visit(join(root, path));
  return hash.digest('hex');
}
