/** `1 read`, `2 reads`, `1,234 reads`: a count and its noun, in English, with thousands separators. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}
