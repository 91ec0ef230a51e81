import { NextResponse } from 'next/server';
import { ApiError } from '../../../server/api/api-error';
import { openShareLink } from '../../../server/api/diagnostics';
import { sharedFileResponse } from '../../../server/shared-file';

export const dynamic = 'force-dynamic';

/**
 * A share link, opened by whoever was given it: no session. The API checks the link's secret,
 * renders the call masked as the link says, and records the opening in the call's access trail.
 * Text and the SVG ladder open in the browser; JSON and pcap download.
 */
export async function GET(_: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    const file = await openShareLink(token);
    const inline = file.mediaType.startsWith('text/') || file.mediaType === 'image/svg+xml';
    return sharedFileResponse(file, inline ? 'inline' : 'attachment');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // One answer for unknown, expired and revoked links: which of them is not the holder's business.
    const gone = error.notFound || error.invalid;
    return new NextResponse(gone ? 'This link has expired, was revoked, or never existed.' : error.message, {
      status: gone ? 404 : 502,
      headers: { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
    });
  }
}
