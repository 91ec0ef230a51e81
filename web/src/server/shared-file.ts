import 'server-only';
import { NextResponse } from 'next/server';

/** A masked copy of a call as the API made it (ShareCall, OpenShareLink). */
export interface SharedFile {
  content: Uint8Array;
  mediaType: string;
  fileName: string;
}

/**
 * The HTTP response for a shared file. The copy may carry SIP text written by anyone on the path,
 * so nothing in it may run: no scripts or outside loads (an SVG can hold both), no sniffing, no
 * caching, and no Referer that would carry a link's secret elsewhere.
 */
export function sharedFileResponse(file: SharedFile, disposition: 'inline' | 'attachment'): NextResponse {
  const name = file.fileName.replace(/[^\w.-]/g, '_');
  return new NextResponse(Buffer.from(file.content), {
    headers: {
      'content-type': file.mediaType,
      'content-disposition': `${disposition}; filename="${name}"`,
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    },
  });
}
