// The story pictures and the company logo: abstract patterns in a navy/teal palette, drawn pixel by pixel
// and written as real PNG files. Each entry says which categories it suits and carries its alt text.
import type { ImageRef } from './model.js';
import { SITE_URL } from './model.js';

export type Rgb = [number, number, number];
export const STORY_WIDTH = 600;
export const STORY_HEIGHT = 338;

const NAVY: Rgb = [11, 31, 58];
const DEEP: Rgb = [18, 48, 90];
const TEAL: Rgb = [26, 166, 166];
const MINT: Rgb = [127, 214, 208];
const SLATE: Rgb = [74, 106, 138];
const PALE: Rgb = [232, 244, 244];

/** Mixes two colours, quantised to 8 steps so gradients stay small after compression. */
function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const q = Math.round(Math.min(1, Math.max(0, t)) * 8) / 8;
  return [0, 1, 2].map((i) => Math.round((a[i] ?? 0) + ((b[i] ?? 0) - (a[i] ?? 0)) * q)) as Rgb;
}

const cx = STORY_WIDTH / 2;
const cy = STORY_HEIGHT / 2;
const dist = (x: number, y: number, px = cx, py = cy): number => Math.hypot(x - px, y - py);

/** True when (x, y) lies within `w` pixels of the segment (x1, y1)-(x2, y2). */
function nearSegment(x: number, y: number, x1: number, y1: number, x2: number, y2: number, w: number): boolean {
  const t = Math.max(0, Math.min(1, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / ((x2 - x1) ** 2 + (y2 - y1) ** 2)));
  return dist(x, y, x1 + t * (x2 - x1), y1 + t * (y2 - y1)) < w;
}

export interface ImageSpec {
  name: string;
  alt: string;
  /** Categories the picture suits; the first picks are made among these. */
  themes: readonly string[];
  width: number;
  height: number;
  pixel: (x: number, y: number) => Rgb;
}

const story = (name: string, alt: string, themes: string[], pixel: (x: number, y: number) => Rgb): ImageSpec => ({
  name, alt, themes, width: STORY_WIDTH, height: STORY_HEIGHT, pixel,
});

export const STORY_IMAGES: readonly ImageSpec[] = [
  story('fingerprint-rings', 'Concentric teal rings suggesting a fingerprint on a navy background', ['Biometrics News', 'Financial Services'],
    (x, y) => (Math.floor(Math.hypot((x - cx) * 1.3, y - cy) / 9) % 2 === 0 && dist(x, y) < 150 ? TEAL : NAVY)),
  story('iris-target', 'Stylised iris with radiating lines in teal and mint', ['Biometrics News', 'Border Control'],
    (x, y) => { const d = dist(x, y); const a = Math.atan2(y - cy, x - cx); return d < 40 ? NAVY : d < 120 ? (Math.floor(a * 12) % 2 === 0 ? TEAL : MINT) : d < 126 ? PALE : NAVY; }),
  story('face-mesh', 'Grid of dots forming the outline of a face', ['Biometrics News', 'Surveillance', 'Opinion'],
    (x, y) => { const inFace = ((x - cx) / 95) ** 2 + ((y - cy) / 135) ** 2 < 1; return x % 16 < 4 && y % 16 < 4 ? (inFace ? MINT : SLATE) : NAVY; }),
  story('passport-mrz', 'A passport data page reduced to blocks and machine-readable lines', ['Border Control', 'Digital ID'],
    (x, y) => (x > 120 && x < 480 && y > 60 && y < 280 ? (y > 225 && y < 265 && x % 12 < 8 && (y - 225) % 20 < 12 ? NAVY : x < 220 && y < 200 ? SLATE : PALE) : mix(NAVY, DEEP, y / STORY_HEIGHT))),
  story('e-gates', 'Row of automated border gates drawn as teal bars', ['Border Control'],
    (x, y) => (y > 90 && y < 300 && x % 75 > 55 ? TEAL : y >= 300 ? SLATE : mix(DEEP, NAVY, y / 300))),
  story('wallet-phone', 'A phone showing a digital identity card', ['Digital ID', 'Financial Services'],
    (x, y) => { const phone = x > 230 && x < 370 && y > 30 && y < 310; const card = x > 245 && x < 355 && y > 90 && y < 160; return card ? TEAL : phone ? PALE : mix(NAVY, DEEP, x / STORY_WIDTH); }),
  story('credential-chain', 'Linked circles representing verifiable credentials', ['Digital ID'],
    (x, y) => { const k = Math.floor(x / 150); const d = dist(x, y, k * 150 + 75, cy); return d < 50 ? TEAL : d < 58 ? MINT : Math.abs(y - cy) < 4 ? SLATE : NAVY; }),
  story('camera-lens', 'Close-up of a surveillance camera lens in concentric circles', ['Surveillance'],
    (x, y) => { const d = dist(x, y, 380, cy); return d < 30 ? NAVY : d < 70 ? DEEP : d < 110 ? SLATE : d < 120 ? TEAL : x < 380 && Math.abs(y - cy) < 70 ? SLATE : NAVY; }),
  story('city-grid', 'Street grid seen from above with highlighted junctions', ['Surveillance', 'Opinion'],
    (x, y) => (x % 60 < 6 || y % 52 < 6 ? ((Math.floor(x / 60) + Math.floor(y / 52)) % 5 === 0 ? MINT : SLATE) : NAVY)),
  story('market-bars', 'Bar chart rising from left to right in teal', ['Trade Notes', 'Financial Services'],
    (x, y) => { const bar = Math.floor(x / 60); const top = 300 - (bar + 1) * 24 - (bar % 3) * 12; return x % 60 > 12 && y > top && y < 300 ? TEAL : y >= 300 && y < 304 ? PALE : NAVY; }),
  story('voice-wave', 'Sound wave drawn as a teal line across a navy field', ['Financial Services', 'Biometrics News'],
    (x, y) => (Math.abs(y - cy - Math.sin(x / 23) * 80 * Math.sin(x / 190)) < 5 ? TEAL : Math.abs(y - cy) < 1 ? SLATE : NAVY)),
  story('palm-lines', 'Branching lines suggesting the veins of a palm', ['Biometrics News'],
    (x, y) => (Math.abs(Math.sin(x / 40 + Math.sin(y / 30))) < 0.06 ? MINT : mix(NAVY, DEEP, 1 - y / STORY_HEIGHT))),
  story('diagonal-bands', 'Diagonal bands in navy and teal', ['Opinion', 'Trade Notes', 'Digital ID'],
    (x, y) => [NAVY, DEEP, SLATE, TEAL][Math.floor((x + y) / 70) % 4] as Rgb),
  story('venn-partners', 'Two overlapping circles representing a partnership', ['Trade Notes', 'Biometrics News'],
    (x, y) => { const a = dist(x, y, 250, cy) < 110; const b = dist(x, y, 350, cy) < 110; return a && b ? PALE : a ? TEAL : b ? SLATE : NAVY; }),
  story('shield-check', 'A shield with a tick, symbolising fraud prevention', ['Financial Services', 'Digital ID'],
    (x, y) => { const inShield = Math.abs(x - cx) < 100 - Math.max(0, y - 200) * 0.9 && y > 50 && y < 310; const tick = nearSegment(x, y, 250, 195, 285, 235, 9) || nearSegment(x, y, 285, 235, 355, 150, 9); return tick ? PALE : inShield ? TEAL : NAVY; }),
  story('quote-marks', 'Large quotation marks on a deep blue background', ['Opinion'],
    (x, y) => { const q = (px: number): boolean => dist(x, y, px, 150) < 32 || (x > px && x < px + 32 && y > 150 && y < 215 - (x - px)); return q(230) || q(330) ? MINT : mix(DEEP, NAVY, y / STORY_HEIGHT); }),
];

/** The featured company's logo (200x60): a teal diamond and two bars on navy. */
export const LOGO: ImageSpec = {
  name: 'companies/veridex-labs',
  alt: 'Veridex Labs logo',
  themes: [],
  width: 200,
  height: 60,
  pixel: (x, y) => (Math.abs(x - 30) + Math.abs(y - 30) < 20 ? TEAL : x > 62 && x < 186 && ((y > 18 && y < 28) || (y > 34 && y < 40 && x < 150)) ? PALE : NAVY),
};

/** How a story refers to one of the pictures. */
export function imageRef(spec: ImageSpec): ImageRef {
  return {
    file: `media/${spec.name}.png`,
    url: `${SITE_URL}/media/${spec.name}.png`,
    alt: spec.alt,
    width: spec.width,
    height: spec.height,
  };
}

/** The picture's pixels as RGB rows. */
export function renderPixels(spec: ImageSpec): Uint8Array {
  const out = new Uint8Array(spec.width * spec.height * 3);
  for (let y = 0; y < spec.height; y++) {
    for (let x = 0; x < spec.width; x++) out.set(spec.pixel(x, y), (y * spec.width + x) * 3);
  }
  return out;
}
