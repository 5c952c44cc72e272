import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { RoundupError } from '../errors.js';

/** One change an editor makes from the preview. URLs are the stories' canonical URLs as the digest has them. */
export type OverrideAction =
  | { kind: 'pin'; url: string }
  | { kind: 'unpin'; url: string }
  | { kind: 'exclude'; url: string }
  | { kind: 'include'; url: string }
  /** A section's stories in the order wanted (the whole section, as the preview shows it after the move). */
  | { kind: 'order'; section: string; urls: string[] }
  | { kind: 'move'; url: string; section: string }
  /** `undefined`: leave as it is; `null`: back to the source's text. */
  | { kind: 'edit'; url: string; title?: string | null | undefined; excerpt?: string | null | undefined };

/** Whether two URLs name the same story (canonical comparison: the file may hold a URL as the editor typed it). */
export type SameStory = (a: string, b: string) => boolean;

/**
 * Applies one action to the text of an override file (undefined: no file yet) through the `yaml` Document API,
 * so whatever the editor wrote by hand (comments, blank lines, key order, flow or block lists) stays as it was;
 * only the nodes the action touches change. Pure: text in, text out. Throws OVERRIDE_INVALID when the file is
 * not YAML or not a mapping (the editor fixes it first: nothing is overwritten).
 */
export function editOverrideText(text: string | undefined, action: OverrideAction, sameStory: SameStory, file: string): string {
  const doc = parseDocument(text ?? '', { logLevel: 'error' });
  if (doc.errors.length > 0) {
    throw new RoundupError('OVERRIDE_INVALID', `${file} is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); fix it by hand before using the preview's buttons.`);
  }
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) {
    doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  }
  if (!isMap(doc.contents)) throw new RoundupError('OVERRIDE_INVALID', `${file} is not a mapping of keys (pin:, exclude:, ...); fix it by hand first.`);
  const edit = new OverrideDocument(doc, sameStory);
  switch (action.kind) {
    case 'pin':
      edit.remove('exclude', action.url);
      edit.dropFromOrders(action.url);
      edit.setStoryField(action.url, 'section', null);
      edit.add('pin', action.url);
      break;
    case 'unpin':
      edit.remove('pin', action.url);
      break;
    case 'exclude':
      edit.remove('pin', action.url);
      edit.dropFromOrders(action.url);
      edit.setStoryField(action.url, 'section', null);
      edit.add('exclude', action.url);
      break;
    case 'include':
      edit.remove('exclude', action.url);
      break;
    case 'order':
      edit.setOrder(action.section, action.urls);
      break;
    case 'move':
      edit.remove('exclude', action.url);
      edit.remove('pin', action.url);
      edit.dropFromOrders(action.url);
      edit.setStoryField(action.url, 'section', action.section);
      break;
    case 'edit':
      if (action.title !== undefined) edit.setStoryField(action.url, 'title', action.title);
      if (action.excerpt !== undefined) edit.setStoryField(action.url, 'excerpt', action.excerpt);
      break;
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The override document's nodes, changed in place. */
class OverrideDocument {
  constructor(
    private readonly doc: Document,
    private readonly sameStory: SameStory,
  ) {}

  private get root(): YAMLMap {
    return this.doc.contents as YAMLMap;
  }

  /** The list at `key`, made when absent. A key holding something else is the editor's to fix. */
  private list(key: string, create: boolean): YAMLSeq | undefined {
    const node = this.root.get(key, true) as Node | undefined;
    if (node === undefined || (isScalar(node) && node.value === null)) {
      if (!create) return undefined;
      const seq = this.doc.createNode([]) as YAMLSeq;
      this.root.set(key, seq);
      return seq;
    }
    if (!isSeq(node)) throw new RoundupError('OVERRIDE_INVALID', `\`${key}\` in the override file is not a list; fix it by hand first.`);
    return node;
  }

  /** A list item or map key naming the story (a node as parsed, or a plain string this edit added). */
  private matches(node: unknown, url: string): boolean {
    const value = isScalar(node) ? node.value : node;
    return typeof value === 'string' && this.sameStory(value, url);
  }

  add(key: 'pin' | 'exclude', url: string): void {
    const seq = this.list(key, true)!;
    if (!seq.items.some((item) => this.matches(item, url))) seq.items.push(this.doc.createNode(url));
  }

  remove(key: 'pin' | 'exclude', url: string): void {
    const seq = this.list(key, false);
    if (seq) seq.items = seq.items.filter((item) => !this.matches(item, url));
  }

  /** Removes the URL from every `order` list (a story that left its section would only draw a warning there). */
  dropFromOrders(url: string): void {
    const order = this.root.get('order', true);
    if (!isMap(order)) return;
    for (const pair of order.items) {
      if (isSeq(pair.value)) pair.value.items = pair.value.items.filter((item) => !this.matches(item, url));
    }
  }

  /** `order.<section>` becomes `urls`, reusing the editor's own nodes (and their comments) for URLs already there. */
  setOrder(section: string, urls: readonly string[]): void {
    let order = this.root.get('order', true) as Node | undefined;
    if (order === undefined || (isScalar(order) && order.value === null)) {
      order = this.doc.createNode({}) as YAMLMap;
      this.root.set('order', order);
    }
    if (!isMap(order)) throw new RoundupError('OVERRIDE_INVALID', '`order` in the override file is not a mapping of sections; fix it by hand first.');
    const current = order.get(section, true);
    const old = isSeq(current) ? current.items : [];
    const items = urls.map((url) => old.find((item) => this.matches(item, url)) ?? this.doc.createNode(url));
    if (isSeq(current)) current.items = items;
    else order.set(section, this.doc.createNode(urls));
  }

  /** Sets (a string) or removes (null) one field of `stories.<url>`; an entry left empty is removed. */
  setStoryField(url: string, field: 'title' | 'excerpt' | 'section', value: string | null): void {
    let stories = this.root.get('stories', true) as Node | undefined;
    if (value === null && !isMap(stories)) return;
    if (stories === undefined || (isScalar(stories) && stories.value === null)) {
      stories = this.doc.createNode({}) as YAMLMap;
      this.root.set('stories', stories);
    }
    if (!isMap(stories)) throw new RoundupError('OVERRIDE_INVALID', '`stories` in the override file is not a mapping of URLs; fix it by hand first.');
    let pair = stories.items.find((p) => this.matches(p.key, url)) as Pair<unknown, unknown> | undefined;
    if (!pair) {
      if (value === null) return;
      stories.items.push(this.doc.createPair(url, {}) as Pair<unknown, unknown>);
      pair = stories.items[stories.items.length - 1] as Pair<unknown, unknown>;
    }
    if (!isMap(pair.value)) {
      if (value === null) return;
      pair.value = this.doc.createNode({});
    }
    const entry = pair.value as YAMLMap;
    if (value === null) entry.delete(field);
    else entry.set(field, value);
    if (entry.items.length === 0) stories.items = stories.items.filter((p) => p !== pair);
    if (stories.items.length === 0) this.root.delete('stories');
  }
}
