import { NextResponse, type NextRequest } from 'next/server';
import { ApiError } from '../../../../server/api/api-error';
import { isShareFormat, shareFile } from '../../../../server/api/diagnostics';
import { readSession } from '../../../../server/session';
import { sharedFileResponse } from '../../../../server/shared-file';

/** The call as a file masked for its recipient (CallService.ShareCall, audited), for download. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await params).id);
  const session = await readSession();
  if (!session) return new NextResponse('Sign in first.', { status: 401 });
  const query = request.nextUrl.searchParams;
  const format = query.get('format') ?? 'text';
  if (!isShareFormat(format)) return new NextResponse('format: text, json, pcap or svg', { status: 400 });
  const numbers =
    query.get('recipient') === 'customer' ? (query.get('numbers') ?? '').split(/[,;\s]+/).filter(Boolean) : [];
  try {
    return sharedFileResponse(await shareFile(session, id, format, numbers), 'attachment');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const status = error.forbidden ? 403 : error.notFound ? 404 : error.unauthenticated ? 401 : 400;
    return new NextResponse(error.message, { status });
  }
}
