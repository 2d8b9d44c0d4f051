import type { Mail } from './mail';

/**
 * The texts of the mail Starscape sends. Each names what was asked, what the link does and what happens
 * if the reader did not ask: nothing. Values are escaped for the HTML part.
 */

/** How long a confirmation link works, as the mail says it. */
export const LINK_LIFETIME_TEXT = '24 hours';

/** A new account: the link founds it. */
export function confirmSignUpMail(to: string, displayName: string, link: string): Mail {
  return compose(to, 'Confirm your email to found your Starscape starbase', [
    `Welcome aboard, ${displayName}.`,
    `Open this link within ${LINK_LIFETIME_TEXT} to confirm your email and found your starbase:`,
    { link },
    'If you did not sign up for Starscape, ignore this mail: no account is made without this link.',
  ]);
}

/** A guest adding this address to their account: the link saves it. */
export function confirmClaimMail(to: string, displayName: string, link: string): Mail {
  return compose(to, 'Confirm your email to keep your Starscape starbase', [
    `Commander ${displayName}, you asked to save your guest account with this address.`,
    `Open this link within ${LINK_LIFETIME_TEXT} to confirm it; then log in with this email from any device:`,
    { link },
    'If you did not ask for this, ignore this mail: nothing changes without this link.',
  ]);
}

/**
 * Someone asked to sign up (or save a guest) with an address that already has an account. Sign-up answers
 * the same as for a new address, so only the owner of the mailbox learns that it has an account.
 */
export function alreadyRegisteredMail(to: string, logInLink: string): Mail {
  return compose(to, 'You already have a Starscape account', [
    'Someone, probably you, asked to create a Starscape account with this email address. It already has one, so nothing was changed.',
    'To play, log in with this address:',
    { link: logInLink },
    'If it was not you, ignore this mail. Your account and password are as they were.',
  ]);
}

type Paragraph = string | { link: string };

function compose(to: string, subject: string, paragraphs: Paragraph[]): Mail {
  const text = [...paragraphs.map((p) => (typeof p === 'string' ? p : p.link)), '— Starscape'].join('\n\n');
  const body = paragraphs
    .map((p) =>
      typeof p === 'string'
        ? `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`
        : `<p style="margin:0 0 16px"><a href="${escapeHtml(p.link)}" style="display:inline-block;padding:10px 18px;border-radius:8px;background:#5b8cff;color:#fff;text-decoration:none;font-weight:600">Open Starscape</a><br><span style="font-size:12px;color:#667">${escapeHtml(p.link)}</span></p>`,
    )
    .join('');
  const html = `<!doctype html><html><body style="margin:0;padding:24px;background:#0b1020"><div style="max-width:520px;margin:auto;padding:28px;border-radius:12px;background:#fff;color:#1a2033;font:15px/1.5 system-ui,sans-serif"><h1 style="margin:0 0 18px;font-size:20px">${escapeHtml(subject)}</h1>${body}<p style="margin:0;color:#667">— Starscape</p></div></body></html>`;
  return { to, subject, text, html };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
