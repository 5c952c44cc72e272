// subscribers.csv: twelve invented readers at example.com/.org/.net, with the awkward cases an importer
// must handle: a mixed-case address, a non-ASCII name, a name with a comma (quoted), empty topics.

const ROWS: readonly (readonly [email: string, name: string, topics: string])[] = [
  ['Priya.Shah@Example.COM', 'Priya Shah', 'Digital ID;Border Control'],
  ['zoe.lindqvist@example.org', 'Zoë Lindqvist', 'Opinion'],
  ['m.carter@example.net', 'Carter, Morgan', 'Financial Services;Biometrics News'],
  ['ops@example.com', 'Northwind Credit Union Fraud Team', 'Financial Services'],
  ['samir.haddou@example.org', 'Samir Haddou', ''],
  ['j.whitlock@example.com', 'Jonas Whitlock', 'Surveillance;Opinion'],
  ['lena.fischer@example.net', 'Lena Fischer', 'Border Control'],
  ['ade.bello@example.com', 'Adeola Bello', 'Digital ID;Financial Services;Opinion'],
  ['r.mcallister@example.org', 'Rory McAllister', ''],
  ['chen.wei@example.net', 'Wei Chen', 'Biometrics News'],
  ['editor@example.com', 'Sofía Marín', 'Digital ID'],
  ['t.okonkwo@example.org', 'Tobi Okonkwo', 'Surveillance;Border Control'],
];

const field = (v: string): string => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** The file's text, header first, one subscriber a line. */
export function subscribersCsv(): string {
  return ['email,name,topics', ...ROWS.map((r) => r.map(field).join(','))].join('\n') + '\n';
}
