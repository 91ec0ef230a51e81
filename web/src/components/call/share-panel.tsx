import { ShareFormat, type ShareLink } from '@sipflow/proto';
import { createShareLinkAction, revokeShareLinkAction } from '../../app/calls/[id]/actions';
import { ActionForm } from '../shell/action-form';
import { DownloadForm } from './download-form';

const FORMAT_NAMES: Record<number, string> = {
  [ShareFormat.SHARE_FORMAT_TEXT]: 'text',
  [ShareFormat.SHARE_FORMAT_JSON]: 'JSON',
  [ShareFormat.SHARE_FORMAT_PCAP]: 'pcap',
  [ShareFormat.SHARE_FORMAT_SVG]: 'SVG ladder',
};

/** The formats the API shares; a downloaded copy may also be a PNG of the SVG ladder. */
function FormatChoice({ png = false }: { png?: boolean }) {
  return (
    <label>
      Format
      <select name="format" defaultValue="text" aria-label="Format">
        <option value="text">text</option>
        <option value="json">JSON</option>
        <option value="pcap">pcap (Wireshark)</option>
        <option value="svg">SVG ladder</option>
        {png && <option value="png">PNG ladder</option>}
      </select>
    </label>
  );
}

/** Staff choose who gets the copy: support (secrets masked) or a customer (their legs only). */
function RecipientChoice() {
  return (
    <>
      <label>
        For
        <select name="recipient" defaultValue="support" aria-label="For">
          <option value="support">support (secrets masked)</option>
          <option value="customer">a customer (their legs, others masked)</option>
        </select>
      </label>
      <label>
        Customer’s numbers
        <input name="numbers" inputMode="tel" placeholder="+441632960555" />
      </label>
    </>
  );
}

/**
 * Share one call safely: a file or an expiring link, masked by the API for the recipient and
 * recorded in the call's access trail. A customer always shares as themselves.
 */
export function SharePanel({ callId, links, staff }: { callId: string; links: ShareLink[]; staff: boolean }) {
  return (
    <section aria-labelledby="share-heading" data-testid="share">
      <h2 id="share-heading">Share this call</h2>
      <DownloadForm action={`/calls/${encodeURIComponent(callId)}/share`}>
        <FormatChoice png />
        {staff && <RecipientChoice />}
      </DownloadForm>
      <ActionForm action={createShareLinkAction} label="Create link">
        <input type="hidden" name="callId" value={callId} />
        <FormatChoice />
        {staff && <RecipientChoice />}
        <label>
          Expires after
          <select name="hours" defaultValue="24" aria-label="Expires after">
            <option value="1">1 hour</option>
            <option value="24">1 day</option>
            <option value="168">7 days</option>
            <option value="720">30 days</option>
          </select>
        </label>
      </ActionForm>
      {links.length > 0 && (
        <ul className="plain" data-testid="share-links">
          {links.map((l) => (
            <li key={l.id} data-testid="share-link">
              {FORMAT_NAMES[l.format] ?? 'file'} for {l.recipient}
              {l.customerNumbers.length ? ` (${l.customerNumbers.join(', ')})` : ''} by {l.author}, until{' '}
              {new Date(l.expiresUs / 1000).toISOString().replace('T', ' ').slice(0, 16)} UTC
              {l.revocable && (
                <ActionForm action={revokeShareLinkAction} label="Revoke">
                  <input type="hidden" name="callId" value={callId} />
                  <input type="hidden" name="linkId" value={l.id} />
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
