// gitignore-style path globs for allowlists: `*` within a path segment, `**`
// across segments, `?` one character; a glob without `/` matches a file or
// folder name at any depth; a trailing `/` matches everything below a folder.

export function globToRegExp(glob: string): RegExp {
  let g = glob.trim();
  const anchored = g.startsWith("/") || g.slice(0, -1).includes("/");
  if (g.startsWith("/")) g = g.slice(1);
  const dirOnly = g.endsWith("/");
  if (dirOnly) g = g.slice(0, -1);
  let re = "";
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === "*") {
      if (g[i + 1] === "*") {
        re += ".*";
        i++;
        if (g[i + 1] === "/") i++;
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  const prefix = anchored ? "^" : "^(?:.*/)?";
  return new RegExp(`${prefix}${re}(?:/.*)?$`);
}

export function matchesAnyGlob(path: string, globs: readonly RegExp[]): boolean {
  return globs.some((g) => g.test(path));
}
