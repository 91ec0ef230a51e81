import { describe, expect, it } from 'vitest';
import { bindableParams, parseStringArray, placeholderTypes, unescapeText } from './query-params';

describe('ClickHouse HTTP query parameters', () => {
  it('finds each placeholder with its declared type', () => {
    const types = placeholderTypes('SELECT 1 WHERE a = {callId:String} AND b IN {ids: Array(String)} LIMIT {n:UInt32}');
    expect([...types]).toEqual([
      ['callId', 'String'],
      ['ids', 'Array(String)'],
      ['n', 'UInt32'],
    ]);
  });

  it('undoes the escaped text form of strings', () => {
    expect(unescapeText("a\\tb\\nc\\\\d\\'e")).toBe("a\tb\nc\\d'e");
  });

  it('parses string array literals, quotes and backslashes included (SIP Call-IDs may hold both)', () => {
    expect(parseStringArray("['a1@host', 'it\\'s', 'back\\\\slash']")).toEqual(['a1@host', "it's", 'back\\slash']);
    expect(parseStringArray('[]')).toEqual([]);
    expect(() => parseStringArray('[1,2]')).toThrow(/quoted string/);
  });

  it('types each param by its placeholder and ignores params the statement does not use', () => {
    const sql = 'SELECT {s:String}, {n:Nullable(String)}, {ids:Array(String)}, {t:DateTime64(6)}, {k:UInt16}';
    const search = new URLSearchParams([
      ['param_s', "o\\'brien"],
      ['param_n', '\\N'],
      ['param_ids', "['x','y']"],
      ['param_t', '2026-01-01 00:00:00.000000'],
      ['param_k', '486'],
      ['param_unused', 'z'],
      ['query_id', 'q1'],
    ]);
    expect(bindableParams(sql, search)).toEqual({
      s: "o'brien",
      n: null,
      ids: ['x', 'y'],
      t: '2026-01-01 00:00:00.000000',
      k: '486',
    });
  });
});
