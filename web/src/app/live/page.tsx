import { LiveCalls } from '../../components/live/live-calls';
import { requireSession } from '../../server/session';

export const metadata = { title: 'Live · sipflow' };

export default async function LivePage() {
  await requireSession('/live');
  return (
    <>
      <h1>Live calls</h1>
      <LiveCalls />
    </>
  );
}
