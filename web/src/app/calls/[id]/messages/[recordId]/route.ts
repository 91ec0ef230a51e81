import { NextResponse } from 'next/server';
import { ApiError } from '../../../../../server/api/api-error';
import { sipMessage } from '../../../../../server/api/calls';
import { readSession } from '../../../../../server/session';

/**
 * One SIP message's text for the hover panel, fetched when first shown. The API redacts it for the
 * caller's role and audits the view; the browser gets the text, never the token.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; recordId: string }> }) {
  const { id, recordId } = await params;
  const session = await readSession();
  if (!session || session.accessExpiresAt <= Date.now())
    return new NextResponse('Your session has ended: reload the page to sign in again.', { status: 401 });
  try {
    const message = await sipMessage(session, decodeURIComponent(id), decodeURIComponent(recordId));
    if (!message) return new NextResponse('No such message.', { status: 404 });
    return NextResponse.json(
      { text: message.text, redactions: message.redactions },
      // What a message shows depends on who asks (redaction by role): never reuse it from a cache.
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const status = error.unauthenticated ? 401 : error.forbidden ? 403 : error.notFound ? 404 : 502;
    return new NextResponse(error.message, { status });
  }
}
