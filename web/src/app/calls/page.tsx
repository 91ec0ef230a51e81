import Link from 'next/link';
import { callQueryString, parseCallQuery } from '../../lib/call-query';
import { ResultsTable } from '../../components/search/results-table';
import { SearchForm } from '../../components/search/search-form';
import { ApiProblem } from '../../components/shell/api-problem';
import { load } from '../../server/api/api';
import { searchCalls } from '../../server/api/calls';
import { requireSession } from '../../server/session';

export const metadata = { title: 'Search · sipflow' };

export default async function CallsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseCallQuery(await searchParams);
  const path = `/calls${callQueryString(query)}`;
  const session = await requireSession(path);
  const result = await load(path, () => searchCalls(session, query, Date.now()));
  return (
    <>
      <h1>Search calls</h1>
      <SearchForm query={query} />
      {!result.ok ? (
        <ApiProblem error={result.error} what="these calls" />
      ) : result.value.calls.length === 0 ? (
        <p className="muted">No calls match. Widen the time range or loosen the number match.</p>
      ) : (
        <>
          <p className="muted" role="status">
            {result.value.calls.length} call{result.value.calls.length === 1 ? '' : 's'}
            {query.page ? ' on this page' : ''}
          </p>
          <ResultsTable calls={result.value.calls} />
          <nav aria-label="Pages" className="form-row">
            {query.page && <Link href={`/calls${callQueryString(query, '')}`}>« first page</Link>}
            {result.value.nextPageToken && (
              <Link href={`/calls${callQueryString(query, result.value.nextPageToken)}`} rel="next">
                next page »
              </Link>
            )}
          </nav>
        </>
      )}
    </>
  );
}
