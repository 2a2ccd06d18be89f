/**
 * Whether a resolved path lies inside a folder, by path components (so `/work/a` does not
 * contain `/work/ab`). Pure, so unit tests cover what restricted mode lets through.
 */
export function isInsideFolder(path: string, folder: string, separator = '/'): boolean {
  const base = folder.endsWith(separator) ? folder.slice(0, -separator.length) : folder;
  return path === base || path.startsWith(base + separator);
}

/** True when `path` is inside one of `folders`. */
export function isInsideAnyFolder(path: string, folders: readonly string[], separator = '/'): boolean {
  return folders.some((folder) => isInsideFolder(path, folder, separator));
}
