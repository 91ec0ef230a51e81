import type { ApiError } from '../../server/api/api-error';

/** An API refusal or outage, said plainly. */
export function ApiProblem({ error, what }: { error: ApiError; what: string }) {
  const text = error.forbidden
    ? `You are not allowed to see ${what}.`
    : error.notFound
      ? `There is no ${what} (it may have expired from the store).`
      : error.unavailable
        ? 'The sipflow API is not reachable right now; try again in a moment.'
        : `The API could not return ${what}: ${error.message}`;
  return (
    <p role="alert" className="problem" data-testid="api-problem">
      {text}
    </p>
  );
}
