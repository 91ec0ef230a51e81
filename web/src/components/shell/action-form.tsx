'use client';

import { useActionState, type ReactNode } from 'react';

/** What a server action reports back to its form: done, refused (the API's words), maybe a link. */
export interface ActionState {
  message?: string;
  error?: string;
  /** A URL the user asked for (a share link), shown to copy. */
  href?: string;
}

export type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

/** A form that runs one server action and says what happened beside its button. */
export function ActionForm({
  action,
  label,
  children,
  className = 'form-row',
}: {
  action: FormAction;
  label: string;
  children: ReactNode;
  className?: string;
}) {
  const [state, run, pending] = useActionState<ActionState, FormData>(action, {});
  return (
    <form action={run} aria-label={label} className={className}>
      {children}
      <button type="submit" disabled={pending}>
        {label}
      </button>
      {state.message && <span role="status">{state.message}</span>}
      {state.href && (
        <input
          readOnly
          className="mono share-url"
          aria-label="Share link"
          data-testid="share-url"
          value={state.href}
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
      {state.error && (
        <span role="alert" className="problem">
          {state.error}
        </span>
      )}
    </form>
  );
}
