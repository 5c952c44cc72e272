// Labels above a story: categories by display name, never the tags the selection uses as editorial markers;
// and read counts that can be turned off.
import { describe, expect, it } from 'vitest';
import { SelectionConfig } from '../../src/config/selection-schema.js';
import { renderIssue } from '../../src/render/render-issue.js';
import { storyLabeler } from '../../src/render/story-labels.js';
import { renderConfig, sampleDigest } from './render-fixtures.js';

const selection = SelectionConfig.parse({
  featured: { tag: 'Editors-Pick' },
  sections: [
    { id: 'most-read', title: 'Most read', kind: 'most-read' },
    { id: 'digital-id', title: 'Digital ID', kind: 'category', categories: ['Digital ID', 'Réglementation'] },
    { id: 'papers', title: 'Papers', kind: 'whitepapers', tags: ['sponsored'] },
  ],
});

describe('storyLabeler', () => {
  const labels = storyLabeler(selection);

  it('leaves out the featured tag and the tags sections select by, whatever their case', () => {
    expect(labels(['Digital ID', 'editors-pick', 'Biometrics News', 'SPONSORED'])).toEqual(['Digital ID', 'Biometrics News']);
  });

  it('shows a category given as a slug under the name the config spells, and leaves out slugs it does not name', () => {
    expect(labels(['digital-id', 'reglementation', 'homepage-hero', 'news'])).toEqual(['Digital ID', 'Réglementation', 'news']);
    // the same label twice (a slug and its display name) shows once
    expect(labels(['Digital ID', 'digital-id'])).toEqual(['Digital ID']);
  });
});

describe('labels and read counts in the email', () => {
  it('never shows the marker tag as a label; read counts can be turned off (email.showReadCounts: false)', async () => {
    const digest = sampleDigest();
    const first = digest.sections[0]!.stories[0]!;
    first.categories = [...first.categories, 'editors-pick'];
    const base = renderConfig();
    const config = { ...base, selection: { ...base.selection, featured: { ...base.selection.featured, tag: 'editors-pick' } } };
    const shown = await renderIssue(digest, { config, configDir: '.' });
    expect(shown.html.toLowerCase()).not.toContain('editors-pick');
    expect(shown.html).toMatch(/\d reads<\/strong>/);
    expect(shown.text).toMatch(/^ {4}[\d,]+ reads$/m);

    const hidden = await renderIssue(digest, { config: { ...config, email: { ...config.email, showReadCounts: false } }, configDir: '.' });
    expect(hidden.html).not.toMatch(/\d reads?</);
    expect(hidden.text).not.toMatch(/[\d,]+ reads?$/m);
    // the labels of most-read stories still show, on their own
    expect(hidden.html).toContain(`>${first.categories[0]}</div>`);
  });
});
