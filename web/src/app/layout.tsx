import type { ReactNode } from 'react';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { NavLinks } from '../components/shell/nav-links';
import { ThemeToggle, type Theme } from '../components/shell/theme-toggle';
import { readSession, may } from '../server/session';
import { signOut } from './actions';
import './globals.css';

export const metadata = {
  title: 'sipflow',
  description: 'See a whole VoIP call at a glance',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const jar = await cookies();
  const stored = jar.get('theme')?.value;
  const theme: Theme = stored === 'light' || stored === 'dark' ? stored : 'system';
  const session = await readSession();
  const links = [
    { href: '/calls', label: 'Search' },
    { href: '/dashboards', label: 'Dashboards' },
    { href: '/live', label: 'Live' },
    ...(session && may(session, 'admin:users') ? [{ href: '/admin', label: 'Admin' }] : []),
  ];
  return (
    <html lang="en" {...(theme !== 'system' ? { 'data-theme': theme } : {})}>
      <body>
        <a href="#content" className="skip">
          Skip to content
        </a>
        <header className="topbar">
          <Link href="/calls" className="brand">
            sipflow
          </Link>
          {session && <NavLinks links={links} />}
          <div className="who">
            <ThemeToggle initial={theme} />
            {session && (
              <>
                <span data-testid="signed-in-as">
                  {session.displayName} <span className="muted">({session.roles.join(', ')})</span>
                </span>
                <form action={signOut}>
                  <button type="submit">Sign out</button>
                </form>
              </>
            )}
          </div>
        </header>
        <main id="content">{children}</main>
      </body>
    </html>
  );
}
