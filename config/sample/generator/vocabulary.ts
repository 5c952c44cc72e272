// The invented world of Identity Wire: companies, agencies, places, people and technologies. Everything
// here is made up; any likeness to a real firm or body is an accident. Places are invented countries and
// cities so that no story can be mistaken for news about a real government.

export interface Company {
  name: string;
  /** What it does, as a clause: "builds ... for ...". */
  does: string;
  product: string;
  hq: string;
  /** Its main technology (a `Tech` name), when it has one. */
  tech?: string;
  /** Categories whose stories it can star in. */
  fits: readonly string[];
}

const TRADE = 'Trade Notes';
const BIO = 'Biometrics News';

export const COMPANIES: readonly Company[] = [
  { name: 'Veridex Labs', does: 'builds liveness detection and document verification for banks and border agencies', product: 'Pulse Liveness', hq: 'London', tech: 'passive liveness detection', fits: [BIO, TRADE, 'Financial Services', 'Border Control', 'Digital ID'] },
  { name: 'Nordvault Biometrics', does: 'makes fingerprint sensors for payment cards and door readers', product: 'SenseCard 4', hq: 'Kessling', tech: 'contactless fingerprint capture', fits: [BIO, TRADE, 'Financial Services'] },
  { name: 'Irisphere', does: 'sells iris recognition cameras for airports and prisons', product: 'Iriscan Duo', hq: 'Port Aldous', tech: 'iris recognition', fits: [BIO, TRADE, 'Border Control', 'Surveillance'] },
  { name: 'Kestrel Identity', does: 'develops digital identity wallets for governments', product: 'Aerie Wallet', hq: 'Bellmere', tech: 'verifiable credentials', fits: [TRADE, 'Digital ID'] },
  { name: 'Palisade Vision', does: 'supplies facial recognition software for video surveillance', product: 'Watchtower', hq: 'Ostgrad', tech: 'live facial recognition', fits: [BIO, TRADE, 'Surveillance'] },
  { name: 'Authentica Systems', does: 'runs remote identity proofing for online onboarding', product: 'Onboard Pro', hq: 'Dunmore', tech: 'document authentication', fits: [BIO, TRADE, 'Financial Services', 'Digital ID'] },
  { name: 'Brightgate', does: 'manufactures automated border control e-gates', product: 'SwiftLane', hq: 'Valmora City', tech: 'live facial recognition', fits: [BIO, TRADE, 'Border Control'] },
  { name: 'Calyx Biometric Systems', does: 'builds multimodal biometric identification systems for police forces', product: 'ABIS 9', hq: 'Kessling', tech: 'contactless fingerprint capture', fits: [BIO, TRADE, 'Surveillance', 'Border Control'] },
  { name: 'Sablewood Analytics', does: 'sells video analytics to retailers and city councils', product: 'StoreSight', hq: 'Harwick', tech: 'live facial recognition', fits: [TRADE, 'Surveillance'] },
  { name: 'Lumen Trust', does: 'issues verifiable credentials for universities and employers', product: 'Credential Hub', hq: 'Bellmere', tech: 'verifiable credentials', fits: [TRADE, 'Digital ID'] },
  { name: 'Quillon Payments', does: 'provides biometric payment authentication for card issuers', product: 'Quillon Tap', hq: 'London', tech: 'palm vein authentication', fits: [BIO, TRADE, 'Financial Services'] },
  { name: 'Harrowgate Secure', does: 'prints smart ID cards and passports', product: 'Polycarb ID', hq: 'Harwick', tech: 'document authentication', fits: [TRADE, 'Digital ID', 'Border Control'] },
  { name: 'Tandem Voiceprint', does: 'offers voice biometrics for call centres', product: 'VoiceGuard', hq: 'Port Aldous', tech: 'voice biometrics', fits: [BIO, TRADE, 'Financial Services'] },
  { name: 'Merrow & Finch', does: 'advises governments on identity programmes', product: 'the Identity Readiness Index', hq: 'London', fits: [TRADE] },
  { name: 'Orlo Age Check', does: 'sells facial age estimation to retailers and websites', product: 'AgeLens', hq: 'Dunmore', tech: 'facial age estimation', fits: [BIO, TRADE] },
];

export interface Agency {
  name: string;
  /** How a second mention refers to it. */
  short: string;
  place: string;
  fits: readonly string[];
}

export const AGENCIES: readonly Agency[] = [
  { name: 'the Estmark Registration Office', short: 'the registration office', place: 'Estmark', fits: ['Digital ID'] },
  { name: 'the Caldera Monetary Authority', short: 'the authority', place: 'Caldera', fits: ['Financial Services'] },
  { name: 'the Ostland Financial Conduct Office', short: 'the regulator', place: 'Ostland', fits: ['Financial Services'] },
  { name: 'the Federal Border Directorate of Valmora', short: 'the directorate', place: 'Valmora', fits: ['Border Control'] },
  { name: 'the Northern Ports Authority', short: 'the ports authority', place: 'Norland', fits: ['Border Control'] },
  { name: 'Lakeshore County Sheriff\u2019s Office', short: 'the sheriff\u2019s office', place: 'Lakeshore County', fits: ['Surveillance'] },
  { name: 'the Ostland Data Protection Commissioner', short: 'the commissioner', place: 'Ostland', fits: ['Regulator'] },
  { name: 'the Kessling Metropolitan Police', short: 'the force', place: 'Kessling', fits: ['Surveillance'] },
  { name: 'the Digital Identity Standards Council', short: 'the council', place: 'Bellmere', fits: ['Digital ID'] },
  { name: 'the Valmora Aviation Security Board', short: 'the board', place: 'Valmora', fits: ['Border Control'] },
  { name: 'Harwick City Council', short: 'the council', place: 'Harwick', fits: ['Surveillance'] },
  { name: 'the Norland Ministry of Interior', short: 'the ministry', place: 'Norland', fits: ['Digital ID', 'Border Control'] },
];

export const PLACES: readonly string[] = ['Estmark', 'Caldera', 'Valmora', 'Norland', 'Ostland', 'Bellmere', 'Kessling', 'Port Aldous'];

/** Border crossings, each in one of the places. */
export const PORTS: readonly { name: string; place: string }[] = [
  { name: 'Port Aldous International Airport', place: 'Port Aldous' },
  { name: 'Kessling Central Station', place: 'Kessling' },
  { name: 'the Harwick ferry terminal', place: 'Estmark' },
  { name: 'Valmora City Airport', place: 'Valmora' },
  { name: 'the Tessin Bridge crossing', place: 'Norland' },
];

export const BANKS: readonly string[] = [
  'Harbour Mutual Bank',
  'Caldera National Bank',
  'Greystone Building Society',
  'Northwind Credit Union',
  'Meridian Pay',
  'First Bellmere Trust',
];

export interface Tech {
  name: string;
  /** A short, plural form for headlines. */
  short: string;
  fits: readonly string[];
}

export const TECHS: readonly Tech[] = [
  { name: 'passive liveness detection', short: 'liveness checks', fits: [BIO, 'Financial Services', 'Digital ID'] },
  { name: 'iris recognition', short: 'iris scans', fits: [BIO, 'Border Control', 'Surveillance'] },
  { name: 'contactless fingerprint capture', short: 'contactless fingerprints', fits: [BIO, 'Border Control'] },
  { name: 'live facial recognition', short: 'face-matching cameras', fits: [BIO, 'Surveillance', 'Border Control'] },
  { name: 'injection attack detection', short: 'deepfake defences', fits: [BIO, 'Financial Services', 'Digital ID'] },
  { name: 'palm vein authentication', short: 'palm scanners', fits: [BIO, 'Financial Services'] },
  { name: 'voice biometrics', short: 'voiceprints', fits: [BIO, 'Financial Services'] },
  { name: 'facial age estimation', short: 'age checks', fits: [BIO, 'Digital ID'] },
  { name: 'document authentication', short: 'ID document checks', fits: ['Digital ID', 'Border Control'] },
  { name: 'behavioural biometrics', short: 'behavioural signals', fits: [BIO, 'Financial Services'] },
  { name: 'verifiable credentials', short: 'verifiable credentials', fits: ['Digital ID'] },
];

export const SECTORS: readonly string[] = [
  'banks',
  'airports',
  'telecom operators',
  'online retailers',
  'gig-economy platforms',
  'public services',
  'crypto exchanges',
  'hospitals',
];

export interface Person {
  name: string;
  role: string;
}

/** People quoted in stories; the role is paired with an organisation when the story is written. */
export const PEOPLE: readonly Person[] = [
  { name: 'Miriam Osei', role: 'chief executive' },
  { name: 'José Almeida', role: 'head of product' },
  { name: 'Ingrid Søndergaard', role: 'chief technology officer' },
  { name: 'Tom Achterberg', role: 'director of public sector' },
  { name: 'Leila Farouk', role: 'head of research' },
  { name: 'Dev Raman', role: 'chief operating officer' },
  { name: 'Bronwen Price', role: 'policy lead' },
  { name: 'Kofi Mensah', role: 'programme director' },
  { name: 'Aiko Tanabe', role: 'head of fraud' },
  { name: 'Callum Reid', role: 'senior analyst' },
  { name: 'Renée Dubois', role: 'general counsel' },
  { name: 'Pavel Novák', role: 'chief scientist' },
];

/** The publication's own writers (the feed's `dc:creator`). */
export const AUTHORS: readonly string[] = [
  'Helen Okafor',
  'Tomasz Wierzbicki',
  'Claire Dunmore',
  'Rafael Ortega',
  'Nadia Haddad',
  'Gareth Lyle',
];

/** Who writes what: Opinion is mostly the editor's, Trade Notes the news desk's. */
export const AUTHOR_BEATS: Record<string, readonly string[]> = {
  'Biometrics News': ['Helen Okafor', 'Tomasz Wierzbicki', 'Rafael Ortega'],
  'Digital ID': ['Claire Dunmore', 'Nadia Haddad', 'Helen Okafor'],
  Surveillance: ['Rafael Ortega', 'Nadia Haddad'],
  'Border Control': ['Tomasz Wierzbicki', 'Claire Dunmore'],
  'Financial Services': ['Helen Okafor', 'Nadia Haddad'],
  Opinion: ['Gareth Lyle', 'Gareth Lyle', 'Claire Dunmore'],
  'Trade Notes': ['Tomasz Wierzbicki', 'Gareth Lyle'],
};
