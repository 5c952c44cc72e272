import { watch, type FSWatcher } from 'chokidar';
import { sep } from 'node:path';
import { existingAncestor } from './watch-paths.js';

export interface InputWatcher {
  /** Resolves once the watcher has scanned the paths (changes before that may be missed). */
  ready: Promise<void>;
  close(): Promise<void>;
}

const SKIP = /[\\/](?:node_modules|\.git)(?:[\\/]|$)/;

/**
 * Watches `targets` (files or folders, existing or not yet) and calls `onChange` once per burst of changes,
 * `debounceMs` after the last one (an editor's save often writes twice). A target that does not exist yet is
 * watched through its nearest existing folder, with everything else in that folder ignored. Paths under
 * `ignore` never count.
 */
export function watchInputs(
  targets: readonly string[],
  onChange: (paths: string[]) => void,
  options: { debounceMs?: number; ignore?: readonly string[] } = {},
): InputWatcher {
  const debounceMs = options.debounceMs ?? 120;
  // Folders Roundup writes itself (the kept read answers): watching them would rebuild on every build.
  const ignore = options.ignore ?? [];
  const ignored = (path: string) => ignore.some((root) => path === root || path.startsWith(root + sep));
  const relevant = (path: string) =>
    targets.some((t) => path === t || t.startsWith(path + sep) || path.startsWith(t + sep));
  const roots = [...new Set(targets.map(existingAncestor))];
  const watcher: FSWatcher = watch(roots, {
    ignoreInitial: true,
    ignored: (path: string) => SKIP.test(path) || ignored(path) || !relevant(path),
  });
  let timer: NodeJS.Timeout | undefined;
  let changed: string[] = [];
  watcher.on('all', (_event, path) => {
    changed.push(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...new Set(changed)];
      changed = [];
      onChange(paths);
    }, debounceMs);
  });
  // A folder that disappears or a watch limit reached must not stop the server; the page still works.
  watcher.on('error', () => undefined);
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
