import { LiveCalls } from '../../components/live/live-calls';
import { requireSession } from '../../server/session';

export const metadata = { title: 'Live · sipflow' };

export default async function LivePage({ searchParams }: { searchParams: Promise<{ number?: string }> }) {
  const { number = '' } = await searchParams;
  await requireSession(`/live${number ? `?number=${encodeURIComponent(number)}` : ''}`);
  return (
    <>
      <h1>Live calls</h1>
      <LiveCalls initialNumber={number.slice(0, 64)} />
    </>
  );
}
