// Help pages of `kumo secrets` and its subcommands.

export const SECRETS_USAGE = "usage: kumo secrets <scan|install-hooks|register-aws|hook> [options]";

export const SECRETS_HELP = `kumo secrets
============

Finds AWS keys before they reach a repository, and in its history.

  scan            Scan files, staged changes or history for AWS secrets
  install-hooks   Install git hooks that block commits carrying secrets
  register-aws    Add git-secrets' AWS patterns to git config (compatibility)
  hook            Run one of the installed hooks (called by git)

Run "kumo secrets <subcommand> help" for details.
`;

export const SCAN_HELP = `kumo secrets scan [<paths>...] [options]
=====================================

Scans for AWS access key IDs (AKIA, ASIA, ABIA, ACCA and the other AWS ID
prefixes), secret access keys next to AWS key names, session tokens, Bedrock
API keys, account IDs in ARNs and account settings, your own secrets from
~/.aws, and every pattern in git config secrets.patterns (git-secrets).

Without paths it scans the tracked files of the repository below the current
folder (as git grep does; outside a repository, the current folder); paths
may be files or folders.

Options
  --staged                What is about to be committed (the index)
  --history               Every commit reachable from any ref (added lines only)
  --since <rev>           Commits after <rev> on the current branch (<rev>..HEAD)
  --format <f>            text (default), json, sarif or csv
  --baseline <file>       Skip findings recorded in this baseline (default:
                          .kumo-secrets-baseline.json at the repository root)
  --write-baseline <file> Record the current findings as accepted, exit 0
  --min-severity <s>      Leave out findings below low (default), medium or high;
                          account IDs and other AWS identifiers are low
  --allow-path <glob>     Skip files matching a glob (repeatable)
  --allow-regex <re>      Skip secrets or lines matching a regex (repeatable)
  --verify                Check found key pairs with sts get-caller-identity
                          (sends the key to AWS; off by default)
  --threads <n>           Threads a large scan uses (default: one per
                          processor, up to 8)
  --no-cache              Rescan every file. (Tracked and staged files whose
                          content was scanned clean before are skipped; the
                          cache in .git/kumo holds only their blob IDs.)

Found secrets are always shown masked. Access key IDs carry the account they
belong to (decoded offline) and, when the key or account is one of your
profiles, which one. Lines containing "kumo:allow" are skipped, as are the
AWS documentation's example keys (…EXAMPLE…). git-secrets' secrets.allowed
patterns and .gitallowed apply as they do for git-secrets.

Exit status: 0 when nothing was found, 1 when something was.
`;

export const INSTALL_HOOKS_HELP = `kumo secrets install-hooks [<repository>] [--force] [--global]
=============================================================

Installs pre-commit (scans staged files), commit-msg (scans the message) and
prepare-commit-msg (scans the commits a merge brings in) hooks. When the hooks
folder has <hook>.d folders the hooks go there. An existing hook not written
by kumo is kept unless --force is given.

  --global   Install into the git template folder (init.templateDir, set to
             ~/.git-templates/kumo-secrets when unset), so every repository
             created or cloned from now on gets the hooks
  --force    Replace existing hooks
`;

export const REGISTER_AWS_HELP = `kumo secrets register-aws [--global]
===================================

Adds the AWS patterns, the ~/.aws/credentials provider and the documentation
example keys to git config (secrets.patterns, secrets.providers,
secrets.allowed) exactly as "git secrets --register-aws" does, so git-secrets
and kumo agree. kumo's own rules cover these patterns without it.
`;

export const HOOK_HELP = `kumo secrets hook <pre-commit|commit-msg|prepare-commit-msg> [-- <git hook arguments>]
===================================================================================

What the installed hooks run. Exit status 1 stops the commit.
`;
