import { COMMON_PASSWORDS, COMMON_PASSWORD_STEMS } from './common-passwords';

export type PasswordPolicyReason =
  'too-short' | 'too-long' | 'common' | 'same-as-username' | 'contains-username' | 'one-character';

export interface PasswordPolicyResult {
  ok: boolean;
  /** Every rule the password breaks, for the form to show at once. */
  reasons: PasswordPolicyReason[];
}

export interface PasswordPolicyOptions {
  username?: string;
  /** Default 12. */
  minLength?: number;
}

/** NIST SP 800-63B §5.1.1.2 asks verifiers to accept at least 64; long passphrases are welcome. */
export const MAX_PASSWORD_LENGTH = 256;
export const MIN_PASSWORD_LENGTH = 12;
const COMMON = new Set(COMMON_PASSWORDS);
const STEMS = new Set(COMMON_PASSWORD_STEMS);

/**
 * Checks a new password for a local account: length (in characters, after NFKC as when hashed),
 * not a common password or a common stem with digits and symbols added, not the user name.
 * No composition rules (NIST SP 800-63B §5.1.1.2 advises against them).
 */
export function checkPasswordPolicy(password: string, options: PasswordPolicyOptions = {}): PasswordPolicyResult {
  const reasons: PasswordPolicyReason[] = [];
  const normalised = password.normalize('NFKC');
  const length = [...normalised].length;
  if (length < (options.minLength ?? MIN_PASSWORD_LENGTH)) reasons.push('too-short');
  if (length > MAX_PASSWORD_LENGTH) reasons.push('too-long');

  const lower = normalised.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (COMMON.has(lower) || STEMS.has(stem) || STEMS.has(lower)) reasons.push('common');
  if (length > 0 && new Set(normalised).size === 1) reasons.push('one-character');

  const username = options.username?.normalize('NFKC').toLowerCase().trim();
  if (username) {
    if (lower === username) reasons.push('same-as-username');
    else if (username.length >= 4 && lower.includes(username)) reasons.push('contains-username');
  }
  return { ok: reasons.length === 0, reasons };
}
