/** Where the preview and `roundup serve` serve `site.mediaDir` (see config/local-media.ts). */
export const MEDIA_PATH = '/media/';
