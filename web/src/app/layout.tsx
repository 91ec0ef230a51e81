import type { ReactNode } from 'react';

export const metadata = {
  title: 'sipflow',
  description: 'See a whole VoIP call at a glance',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
