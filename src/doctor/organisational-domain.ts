// DMARC's relaxed alignment compares organisational domains: the registrable domain, one label under the
// public suffix (`news.identitywire.co.uk` -> `identitywire.co.uk`). The real list (publicsuffix.org) has ~10,000
// entries; this one knows the common two-label suffixes of the countries that use them. Its limit: a domain
// under a suffix it does not know (e.g. `example.gov.bd`, or a private suffix like `github.io`) is taken one
// label too short, which can call two different organisations aligned; `roundup doctor` says so in the README.

const TWO_LABEL_SUFFIXES = new Set(
  [
    'ac gov ltd me net nhs org plc police sch co',
  ]
    .flatMap((s) => s.split(' ').map((l) => `${l}.uk`))
    .concat(
      ['com', 'net', 'org', 'edu', 'gov', 'asn', 'id'].map((l) => `${l}.au`),
      ['co', 'org', 'net', 'ac', 'govt', 'school'].map((l) => `${l}.nz`),
      ['co', 'ne', 'or', 'ac', 'go', 'ad', 'ed', 'gr', 'lg'].map((l) => `${l}.jp`),
      ['co', 'org', 'net', 'ac', 'gov', 'web'].map((l) => `${l}.za`),
      ['com', 'net', 'org', 'gov', 'edu'].flatMap((l) => ['br', 'cn', 'mx', 'ar', 'tr', 'sg', 'my', 'hk', 'tw', 'ua', 'pk', 'ng', 'eg', 'sa', 'ph', 'vn', 'co'].map((c) => `${l}.${c}`)),
      ['co', 'ac', 'or', 'go', 're', 'ne'].map((l) => `${l}.kr`),
      ['co', 'net', 'org', 'firm', 'gen', 'ind', 'ac', 'edu', 'gov', 'res'].map((l) => `${l}.in`),
      ['co', 'org', 'ac', 'gov', 'muni', 'net'].map((l) => `${l}.il`),
      ['co', 'or', 'ac', 'go'].map((l) => `${l}.id`),
      ['co', 'or', 'ac', 'go', 'ne'].map((l) => `${l}.ke`),
      ['com', 'net', 'org', 'gob', 'edu'].map((l) => `${l}.es`),
    ),
);

/** The organisational domain of a domain name (lower case, no trailing dot). */
export function organisationalDomain(domain: string): string {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2) return labels.join('.');
  const lastTwo = labels.slice(-2).join('.');
  const suffixLabels = TWO_LABEL_SUFFIXES.has(lastTwo) ? 2 : 1;
  return labels.slice(-(suffixLabels + 1)).join('.');
}

/** DMARC relaxed alignment: both domains under the same organisational domain. */
export function relaxedAligned(a: string, b: string): boolean {
  return organisationalDomain(a) === organisationalDomain(b);
}
