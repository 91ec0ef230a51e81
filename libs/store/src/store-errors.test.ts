import { DependencyUnavailableError } from '@sipflow/platform';
import { describe, expect, it } from 'vitest';
import { classifyStoreError, StoreQueryError } from './store-errors';

describe('classifyStoreError', () => {
  it('treats network failures and overload codes as an outage', () => {
    expect(classifyStoreError(new Error('connect ECONNREFUSED 127.0.0.1:8123'))).toBeInstanceOf(
      DependencyUnavailableError,
    );
    expect(classifyStoreError(Object.assign(new Error('Too many parts'), { code: '252' }))).toBeInstanceOf(
      DependencyUnavailableError,
    );
  });

  it('treats a rejected statement as a query error that retrying will not fix', () => {
    const e = classifyStoreError(Object.assign(new Error('Syntax error'), { code: '62' }));
    expect(e).toBeInstanceOf(StoreQueryError);
    expect((e as StoreQueryError).code).toBe('62');
  });

  it('lets programming errors through unchanged', () => {
    const bug = new TypeError('x is undefined');
    expect(classifyStoreError(bug)).toBe(bug);
  });
});
