import { NextResponse, type NextRequest } from 'next/server';
import { flowText } from '../../../../lib/flow-text';
import { ApiError } from '../../../../server/api/api-error';
import { callFlow } from '../../../../server/api/calls';
import { readSession } from '../../../../server/session';

/** The call as text (one message a line) or as the API's JSON flow, as a file. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await params).id);
  const session = await readSession();
  if (!session) return new NextResponse('Sign in first.', { status: 401 });
  try {
    const flow = await callFlow(session, id);
    if (!flow) return new NextResponse('No such call.', { status: 404 });
    const json = request.nextUrl.searchParams.get('format') === 'json';
    const file = `call-${id.replace(/[^\w.-]/g, '_')}.${json ? 'json' : 'txt'}`;
    return new NextResponse(json ? JSON.stringify(flow, null, 2) : flowText(flow), {
      headers: {
        'content-type': json ? 'application/json' : 'text/plain; charset=utf-8',
        'content-disposition': `attachment; filename="${file}"`,
      },
    });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return new NextResponse(error.message, { status: error.forbidden ? 403 : error.notFound ? 404 : 502 });
  }
}
