// What sign-in prints while it waits for the user, in the AWS CLI's words
// (stdout). The device-code texts are those of AWS CLI 2.9; the
// authorization-code texts those of the CLI versions that have that flow.

export interface PendingAuthorization {
  /** The page to open (for the device flow, the page where the code is typed). */
  verificationUri: string;
  /** The page with everything filled in: what the browser is sent to. */
  verificationUriComplete: string;
  /** The code to type (device flow); undefined for the authorization-code flow. */
  userCode: string | undefined;
}

/** Printed when kumo opens the browser itself. */
export function openingBrowserMessage(p: PendingAuthorization): string {
  if (p.userCode !== undefined) {
    return (
      "Attempting to automatically open the SSO authorization page in your default browser.\n" +
      "If the browser does not open or you wish to use a different device to authorize this request, open the following URL:\n" +
      `\n${p.verificationUri}\n` +
      `\nThen enter the code:\n\n${p.userCode}\n`
    );
  }
  return (
    "Attempting to open your default browser. If the browser does not open, open the following URL.\n" +
    "If you are unable to open the URL on this device, run this command again with the '--use-device-code' option.\n" +
    `\n${p.verificationUri}\n\n`
  );
}

/** Printed for --no-browser. */
export function noBrowserMessage(p: PendingAuthorization): string {
  let text = `Browser will not be automatically opened.\nPlease visit the following URL:\n\n${p.verificationUri}\n`;
  if (p.userCode !== undefined) {
    text +=
      `\nThen enter the code:\n\n${p.userCode}\n` +
      `\nAlternatively, you may visit the following URL which will autofill the code upon loading:\n${p.verificationUriComplete}\n`;
  }
  return text;
}

export const PENDING_EXPIRED =
  "The pending authorization to retrieve an SSO token has expired. The login flow to retrieve an SSO token must be restarted.";
