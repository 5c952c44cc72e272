// The cast of one story: which company, agency, place, technology and people it is about. Headlines and
// paragraphs are filled from the same context, so a story's title and body talk about the same things,
// and each category draws on the companies, agencies and technologies that fit it.
import type { Rng } from './rng.js';
import { AGENCIES, BANKS, COMPANIES, PEOPLE, PLACES, PORTS, SECTORS, TECHS, type Agency, type Company, type Person, type Tech } from './vocabulary.js';

export const CATEGORIES = [
  'Biometrics News',
  'Digital ID',
  'Surveillance',
  'Border Control',
  'Financial Services',
  'Opinion',
  'Trade Notes',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface StoryContext {
  category: Category;
  co: Company;
  /** A second company, never the same as `co`. */
  co2: Company;
  ag: Agency;
  place: string;
  port: string;
  bank: string;
  tech: Tech;
  sector: string;
  /** Quoted for `co`. */
  person: Person;
  /** Quoted for `ag` or an outside body. */
  person2: Person;
  /** Small counts (gates, staff, pilots). */
  n: number;
  /** A percentage. */
  pct: number;
  /** An amount in millions. */
  millions: number;
}

/** The entries that fit `category`, or all of them when none does (Opinion, for one, fits everything). */
function fitting<T extends { fits: readonly string[] }>(items: readonly T[], category: Category): readonly T[] {
  const fit = items.filter((i) => i.fits.includes(category));
  return fit.length > 0 ? fit : items;
}

/** A fresh cast for a story in `category`. Veridex Labs (the featured company) turns up more often. */
export function storyContext(random: Rng, category: Category): StoryContext {
  const companies = fitting(COMPANIES, category);
  const veridex = companies.find((c) => c.name === 'Veridex Labs');
  const co = veridex && random.chance(0.12) ? veridex : random.pick(companies);
  const co2 = random.pick(companies.length > 1 ? companies.filter((c) => c !== co) : COMPANIES.filter((c) => c !== co));
  const [person, person2] = random.shuffle(PEOPLE) as [Person, Person];
  const ag = random.pick(fitting(AGENCIES, category));
  const nearby = PORTS.filter((p) => p.place === ag.place);
  const port = random.pick(nearby.length > 0 ? nearby : PORTS);
  const local = category === 'Digital ID' || category === 'Surveillance' || category === 'Financial Services';
  const techs = fitting(TECHS, category);
  const own = techs.find((t) => t.name === co.tech);
  const tech = own && random.chance(0.75) ? own : random.pick(techs);
  return {
    category,
    co,
    co2,
    ag,
    place: category === 'Border Control' ? port.place : local && PLACES.includes(ag.place) ? ag.place : random.pick(PLACES),
    port: port.name,
    bank: random.pick(BANKS),
    tech,
    sector: random.pick(SECTORS),
    person,
    person2,
    n: random.int(3, 48),
    pct: random.int(7, 64),
    millions: random.pick([4, 6.5, 8, 12, 15, 22, 30, 41, 55, 80]),
  };
}

/** `Irisphere’s`, `Veridex Labs’`: the possessive with a typographic apostrophe. */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}\u2019` : `${name}\u2019s`;
}

/** Upper-cases the first letter (for agencies that start with "the"). */
export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
