// Month names and time-zone abbreviations as feeds write them. RSS asks for RFC 822's English names, but
// feeds made by localised sites write their own: "Seg, 24 Set 2018" (Portuguese), "Di, 24 Nov 2026"
// (German), "mar., 24 nov. 2026" (French). Day names carry no information (the date has it) and are
// skipped whatever the language; month names and abbreviations are looked up here, for en, de, fr, es, pt,
// it and nl, matched without case or accents. No name means two different months in these languages.

const MONTH_NAMES: readonly (readonly string[])[] = [
  ['jan', 'january', 'januar', 'janv', 'janvier', 'ene', 'enero', 'janeiro', 'gen', 'gennaio', 'januari', 'jän', 'jaen', 'jänner'],
  ['feb', 'february', 'februar', 'fev', 'fevr', 'fevrier', 'febrero', 'fevereiro', 'febbraio', 'februari'],
  ['mar', 'march', 'mär', 'maer', 'marz', 'maerz', 'mrz', 'mars', 'marzo', 'marco', 'mrt', 'maart'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'maio', 'mag', 'maggio', 'mei'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'junho', 'giu', 'giugno'],
  ['jul', 'july', 'juli', 'juil', 'juillet', 'julio', 'julho', 'lug', 'luglio'],
  ['aug', 'august', 'aou', 'aout', 'ago', 'agosto', 'augustus'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'setiembre', 'set', 'setembro', 'settembre'],
  ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre', 'out', 'outubro', 'ott', 'ottobre'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro'],
  ['dec', 'december', 'dez', 'dezember', 'dec', 'decembre', 'dic', 'diciembre', 'dezembro', 'dicembre'],
];

const MONTHS: ReadonlyMap<string, number> = new Map(MONTH_NAMES.flatMap((names, i) => names.map((n) => [n, i + 1] as const)));

/** Lower case, accents removed (`Mär` -> `mar`, `févr` -> `fevr`, `Março` -> `marco`), trailing dot dropped. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\.$/, '');
}

/** The month (1-12) a name or abbreviation means, or undefined. */
export function monthNumber(word: string): number | undefined {
  const folded = fold(word);
  // `märz` folds to `marz`, listed; German `mär` folds to `mar`.
  return MONTHS.get(folded) ?? MONTHS.get(word.toLowerCase().replace(/\.$/, ''));
}

/**
 * Zone abbreviations feeds use, in minutes east of UTC: RFC 822's (UT, GMT, EST ... PDT) and the common ones
 * of the regions above. Ambiguous ones take their most common meaning in feeds: IST is India, BST British
 * Summer Time, CST US Central.
 */
export const ZONES: Readonly<Record<string, number>> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, WEZ: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  BST: 60, IST: 330, WEST: 60, WESZ: 60, CET: 60, MEZ: 60, CEST: 120, MESZ: 120, EET: 120, OEZ: 120, EEST: 180, OESZ: 180,
  MSK: 180, SAST: 120, CAT: 120, EAT: 180, WAT: 60,
  BRT: -180, ART: -180, CLT: -240, COT: -300, PET: -300,
  PKT: 300, NPT: 345, ICT: 420, WIB: 420, SGT: 480, HKT: 480, AWST: 480, PHT: 480,
  JST: 540, KST: 540, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};
