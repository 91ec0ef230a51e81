import { redirect } from 'next/navigation';
import { readSession, safeNext } from '../../server/session';
import { SignInForm } from './sign-in-form';

export const metadata = { title: 'Sign in · sipflow' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNext(typeof params.next === 'string' ? params.next : undefined);
  const session = await readSession();
  if (session && session.accessExpiresAt > Date.now() && !params.expired) redirect(next);
  return (
    <section className="sign-in card">
      <h1>Sign in to sipflow</h1>
      {params.expired && (
        <p role="status" className="muted">
          Your session has ended. Sign in again to carry on.
        </p>
      )}
      <SignInForm next={next} />
    </section>
  );
}
