// The body paragraphs after the lede, in pools. A story draws two to four of them, never the same one twice,
// so stories in the same category still read differently.
import { capital, possessive, type StoryContext } from './story-context.js';

type Paragraph = (c: StoryContext) => string;

export const QUOTES: readonly Paragraph[] = [
  (c) => `\u201CCustomers no longer ask whether it works, they ask how we know it works,\u201D said ${c.person.name}, ${c.person.role} at ${c.co.name}. \u201CThat is a healthier conversation.\u201D`,
  (c) => `\u201CWe designed this with the people who will use it every day,\u201D ${c.person2.name}, ${c.person2.role} at ${c.ag.short}, told Identity Wire. \u201CIf it slows them down, it has failed.\u201D`,
  (c) => `${c.person.name}, ${c.person.role} at ${c.co.name}, said the company would publish its test results in full. \u201CWe would rather be measured than believed,\u201D they said.`,
  (c) => `\u201CThe technology is the easy part,\u201D said ${c.person2.name}, a consultant who has advised several governments. \u201CGovernance, redress and procurement are where projects live or die.\u201D`,
  (c) => `Not everyone is convinced. \u201CWe have heard promises like this before,\u201D said ${c.person2.name} of a digital rights group in ${c.place}. \u201CShow us the error rates by age, sex and skin tone.\u201D`,
  (c) => `${c.person.name} of ${c.co.name} said demand from ${c.sector} had \u201Croughly doubled\u201D in a year, driven by fraud losses and new rules rather than by marketing.`,
];

export const CONTEXT: readonly Paragraph[] = [
  (c) => `The move follows a difficult year for ${c.sector}, which have seen fraudsters switch from stolen documents to manipulated selfies and injected video streams.`,
  (c) => `${c.co.name} ${c.co.does}. It employs about ${c.n * 20} people and is headquartered in ${c.co.hq}.`,
  (c) => `${capital(c.ag.name)} has been under pressure to show results since its budget was increased last spring, and officials have promised quarterly progress reports.`,
  (c) => `Analysts at ${c.co2.name} estimate that spending on ${c.tech.name} will grow by about ${c.pct}% a year until 2030, with ${c.sector} the fastest-growing buyers.`,
  (c) => `Earlier this year, a smaller trial at ${c.port} was cut short after software updates caused delays during the summer peak.`,
  (c) => `Similar projects in Norland and Caldera took longer than planned, largely because of the work needed to connect old population registers to new systems.`,
  (c) => `The company says ${c.co.product} runs on the device where possible, so that face images do not leave the phone unless a check fails and a person needs to review it.`,
];

export const NUMBERS: readonly Paragraph[] = [
  (c) => `According to the figures, the system processed ${c.n * 1000} checks in its first month, with ${c.pct / 10}% sent for manual review.`,
  (c) => `The contract is worth about $${c.millions} million over ${c.n % 5 + 3} years, including support and a planned upgrade of the matching algorithm.`,
  (c) => `Fraud losses linked to identity theft at ${c.sector} rose by ${c.pct}% last year, according to an industry survey, while the share of attacks using synthetic media tripled.`,
  (c) => `Independent testing found error rates varied by a factor of ${c.n % 7 + 2} between the best and worst-performing demographic groups, a gap the vendor says it has since narrowed.`,
];

export const RULES: readonly Paragraph[] = [
  (c) => `The ${possessive(c.place)} data protection authority is expected to publish guidance on biometric processing in the new year, which could require a fresh impact assessment.`,
  (c) => `Under rules agreed last year, biometric templates may only be kept for as long as they are needed for the purpose they were collected for, and must be deleted on request.`,
  (c) => `Lawmakers in ${c.place} are debating a bill that would require public bodies to register every use of ${c.tech.name} and to publish accuracy figures once a year.`,
  (c) => `${capital(c.ag.short)} says the system has been through a data protection impact assessment, though it has not published the document.`,
];

export const CLOSINGS: readonly Paragraph[] = [
  (c) => `${c.co.name} said it expects the first deployments to go live in the second quarter of next year.`,
  (c) => `${capital(c.ag.short)} declined to say when a full evaluation would be published.`,
  (c) => `Identity Wire has asked ${c.co2.name} for comment and will update this story.`,
  (c) => `The next progress report is due in March. Identity Wire will be watching the uptake figures closely.`,
  (c) => `${c.co.name} will show ${c.co.product} at the Digital Identity Summit Europe in London in December.`,
];

export const OPINIONS: readonly Paragraph[] = [
  (c) => `Start with the incentives. A vendor is paid when ${c.tech.name} is deployed, not when it is deployed well. A buyer is praised for launching, rarely for the quiet work of measuring what happened next.`,
  (c) => `None of this is an argument against ${c.tech.short}. It is an argument for writing down, before the contract is signed, what success looks like and who gets to check.`,
  (c) => `The people who bear the cost of a false match are rarely in the room when the threshold is set. That should change, and it would cost very little to change it.`,
  (c) => `I have sat through enough procurement meetings to know that \u201Cwe will review it after the pilot\u201D usually means nobody will. Pilots become programmes by default.`,
  (c) => `If ${c.ag.name} wants public trust, it could start by publishing its error rates, its retention periods and the number of complaints it received. Three numbers. Every quarter.`,
  (c) => `The industry has matured a great deal in five years. Its habit of overselling has not. Readers of this site deserve better, and so do the people on the other side of the camera.`,
];
