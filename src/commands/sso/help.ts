// Plain-text help for `kumo sso login help` and `kumo sso logout help`.
import { PROGRAM } from "../../cli/usage.ts";

const P = PROGRAM;

export const LOGIN_HELP = [
  "sso login",
  "",
  "Sign in to AWS IAM Identity Center and cache the access token in",
  "~/.aws/sso/cache, where `aws` finds it too. Profiles that use the session then",
  "get role credentials from it. Each login fetches a new token.",
  "",
  "For an [sso-session] (the profile's sso_session, or --sso-session) the",
  "browser is sent to the sign-in page and back to a listener on",
  "http://127.0.0.1:<port>/oauth/callback (authorization code with PKCE). With",
  "--use-device-code, and always for a profile that has sso_start_url itself,",
  "you are shown a code to confirm on the sign-in page instead.",
  "",
  "SYNOPSIS",
  `  ${P} sso login [--profile NAME] [--sso-session NAME] [--no-browser] [--use-device-code]`,
  "",
  "OPTIONS",
  "  --sso-session NAME   sign in to this [sso-session NAME] rather than the profile's",
  "  --no-browser         print the URL (and code) instead of opening a browser",
  "  --use-device-code    use the device code flow, e.g. to sign in on another device",
  "",
  "ENVIRONMENT",
  "  BROWSER                    the command that opens the sign-in page (\"%s\" is the URL)",
  "  AWS_ENDPOINT_URL_SSO_OIDC  the OIDC service to use (also [services] sso_oidc)",
  "  AWS_ENDPOINT_URL_SSO       the portal to use (also [services] sso)",
  "",
  "EXAMPLES",
  `  ${P} sso login --sso-session my-sso`,
  `  ${P} sso login --profile dev --no-browser`,
  "",
].join("\n");

export const LOGOUT_HELP = [
  "sso logout",
  "",
  "Sign out of every IAM Identity Center session: each cached access token in",
  "~/.aws/sso/cache is revoked with the portal and deleted, and every cached role",
  "credential obtained with one (~/.aws/cli/cache) is deleted. Run",
  `\`${P} sso login\` to use the profiles again.`,
  "",
  "SYNOPSIS",
  `  ${P} sso logout`,
  "",
].join("\n");
