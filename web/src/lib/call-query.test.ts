import { describe, expect, it } from 'vitest';
import { callQueryString, parseCallQuery } from './call-query';

describe('call search in the URL', () => {
  it('reads every filter, a status code or a class', () => {
    const q = parseCallQuery({
      number: ' 01632960123 ',
      match: 'suffix',
      preset: '60',
      device: 'cs-b',
      status: '486',
      finding: 'auth-loop',
      page: 'tok',
    });
    expect(q).toMatchObject({
      number: '01632960123',
      match: 'suffix',
      preset: 60,
      device: 'cs-b',
      status: 486,
      finding: 'auth-loop',
      page: 'tok',
    });
    expect(q.statusClass).toBeUndefined();
    expect(parseCallQuery({ status: '4xx' })).toMatchObject({ statusClass: 4 });
    expect(parseCallQuery({ status: '4xx' }).status).toBeUndefined();
  });

  it('falls back to defaults on nonsense instead of failing', () => {
    const q = parseCallQuery({ match: 'regex', preset: '-5', size: '100000', status: '999', since: 'yesterday' });
    expect(q).toMatchObject({ match: 'exact', preset: 1440, pageSize: 50 });
    expect(q.status).toBeUndefined();
    expect(q.since).toBeUndefined();
  });

  it('writes a shareable URL that reads back to the same search', () => {
    const q = parseCallQuery({ number: '+441632960123', match: 'prefix', status: '5xx', since: '2026-11-20T10:15' });
    const url = callQueryString(q);
    expect(url).toBe('?number=%2B441632960123&match=prefix&since=2026-11-20T10%3A15&status=5xx');
    expect(parseCallQuery(Object.fromEntries(new URLSearchParams(url)))).toEqual(q);
    expect(callQueryString(parseCallQuery({}))).toBe('');
    expect(callQueryString(q, 'next')).toContain('page=next');
  });
});
