/** True when an SMTP URL's host is this machine (127.0.0.0/8, ::1, localhost): a test server or a local MTA. */
export function isLocalRelay(smtpUrl: string): boolean {
  let host: string;
  try {
    host = new URL(smtpUrl).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
