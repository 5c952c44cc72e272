import { resolveConfigPath, type LoadedConfig } from './load-config.js';

/** `site.mediaDir` (absolute) and the `site.mediaUrl` whose files it holds; undefined when not configured. */
export function localMedia(loaded: Pick<LoadedConfig, 'config' | 'dir'>): { dir: string; url: string } | undefined {
  const { mediaDir, mediaUrl } = loaded.config.site;
  if (mediaDir === undefined || mediaUrl === undefined) return undefined;
  return { dir: resolveConfigPath(loaded, mediaDir), url: mediaUrl };
}
