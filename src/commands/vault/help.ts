// Help pages of `kumo vault` and its subcommands.

const BACKEND_OPTION = `  --backend keyring|file|auto
      Where the vault is kept. Default: KUMO_VAULT_BACKEND, else the OS
      keyring when one answers, else the encrypted file.
`;

export const VAULT_HELP = `kumo vault
==========

Keeps AWS access keys out of plaintext files: in the OS keyring (Secret
Service, macOS Keychain, Windows Credential Manager) or in an encrypted file
(scrypt + AES-256-GCM) where no keyring answers. Sessions made from them are
cached in the vault until shortly before they expire.

Usage: kumo vault <subcommand> [options]

Subcommands:
  add <profile>           store a profile's access key pair
  list                    profiles, stored credentials and cached sessions
  remove <profile>        delete a profile's credentials and sessions
  rotate <profile>        replace the profile's access key with a new one (IAM)
  clear [<profile>]       delete cached sessions
  credentials <profile>   print credentials for credential_process

Environment:
  KUMO_VAULT_BACKEND          keyring | file | auto
  KUMO_VAULT_FILE             the vault file (default ~/.kumo/vault/vault.kv)
  KUMO_VAULT_PASSPHRASE       the file's passphrase (else asked for)
  KUMO_VAULT_KEYRING_SERVICE  keyring service name (default kumo-vault)

See also: kumo exec, kumo assume, kumo console. Each subcommand answers help.
`;

export const HELP_PAGES: Record<string, string> = {
  add: `kumo vault add <profile> [--env] [--add-config | --no-add-config] [--backend B]

Stores the access key ID and secret access key of <profile> in the vault.
They are read from the terminal without echo; when stdin is not a terminal,
from stdin, two lines (key ID, then secret); with --env, from
AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. Cached sessions of the profile
are dropped.

Then kumo offers to write this line into the profile in ~/.aws/config, so that
aws and every SDK take the profile's credentials from the vault:

  credential_process = kumo vault credentials <profile>

  --env             read the keys from the environment
  --add-config      write the credential_process line without asking
  --no-add-config   do not write it, and do not ask
${BACKEND_OPTION}`,
  list: `kumo vault list [--profiles | --credentials | --sessions] [--backend B]

Prints the profiles of ~/.aws/config and the vault, whether the vault holds
keys for them, and their cached sessions with the time left.

  --profiles      only the profile names, one a line
  --credentials   only the profiles with keys in the vault
  --sessions      only the cached sessions: profile and expiry (ISO 8601)
${BACKEND_OPTION}`,
  remove: `kumo vault remove <profile> [--force] [--backend B]

Deletes the keys and cached sessions of <profile> from the vault. Asks first
when run in a terminal, unless --force.
${BACKEND_OPTION}`,
  rotate: `kumo vault rotate <profile> [--backend B]

Creates a new access key for the IAM user whose keys <profile> holds, checks
that it works (sts get-caller-identity), stores it in the vault, then deletes
the old key. If a step fails, the vault keeps a key that works: a new key that
could not be checked or stored is deleted again, and an old key that could
not be deleted is named so you can delete it yourself. With mfa_serial in the
profile, the IAM calls use an MFA session.
${BACKEND_OPTION}`,
  clear: `kumo vault clear [<profile>] [--backend B]

Deletes the cached sessions of <profile>, or of every profile.
${BACKEND_OPTION}`,
  credentials: `kumo vault credentials <profile> [--no-session] [--duration SECONDS] [--backend B]

Prints credentials for <profile> as credential_process JSON (Version 1). By
default a session: GetSessionToken (with MFA when the profile has mfa_serial),
or AssumeRole when the profile has role_arn; sessions are cached in the vault.

  --no-session   print the stored long-lived keys (needed for IAM calls
                 without MFA, which STS sessions are refused)
  --duration     session length in seconds (default 3600)
${BACKEND_OPTION}`,
};
