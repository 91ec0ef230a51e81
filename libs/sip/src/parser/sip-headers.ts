import { splitList } from '../headers/list';
import type { SipHeaders } from '../model/message';
import type { HeaderBlock } from './header-block';
import { headerName } from './header-names';

/** SipHeaders over the indexed header block: lookups compare interned canonical names. */
export class IndexedHeaders implements SipHeaders {
  private entryList?: ReadonlyArray<readonly [string, string]>;

  constructor(private readonly block: HeaderBlock) {}

  get(name: string): string | undefined {
    const canonical = headerName(name).canonical;
    const { names, values } = this.block;
    for (let i = 0; i < names.length; i++) {
      if (names[i]!.canonical === canonical) return values[i];
    }
    return undefined;
  }

  all(name: string): string[] {
    const target = headerName(name);
    const { names, values } = this.block;
    const out: string[] = [];
    for (let i = 0; i < names.length; i++) {
      if (names[i]!.canonical !== target.canonical) continue;
      const value = values[i] as string;
      if (!target.list) out.push(value);
      else for (const element of splitList(value)) if (element.length > 0) out.push(element);
    }
    return out;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  entries(): ReadonlyArray<readonly [string, string]> {
    if (this.entryList === undefined) {
      const { written, values } = this.block;
      this.entryList = written.map((w, i) => [w, values[i] as string] as const);
    }
    return this.entryList;
  }

  /** Custom JSON form: the entries, since the index itself is an implementation detail. */
  toJSON(): ReadonlyArray<readonly [string, string]> {
    return this.entries();
  }
}
