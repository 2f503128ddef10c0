// A message catalog whose every sentence is a marker naming its entry (`⟦feedback.glare⟧`), and a
// check that what a screen shows holds nothing else: text that reached the person without going
// through the catalog shows up as the English words left over.
import { en, type Messages } from '../../src/i18n/en.js';

/** Every string of `table` replaced by `⟦path⟧`, every function by one returning it. */
function mark(table: object, path: string): Record<string, unknown> {
  const marked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(table)) {
    const name = path ? `${path}.${key}` : key;
    if (typeof value === 'string') marked[key] = `⟦${name}⟧`;
    else if (typeof value === 'function') marked[key] = () => `⟦${name}⟧`;
    else if (typeof value === 'object' && value !== null) marked[key] = mark(value, name);
    else marked[key] = value;
  }
  return marked;
}

/** The catalog with every sentence replaced by a marker. */
export const markedMessages = mark(en, '') as Messages;

/** Attributes a person (or a screen reader) is given as text. */
const READ_ATTRIBUTES = ['aria-label', 'alt', 'title', 'placeholder'];

/** The text a person is shown under `root`, shadow roots included: text nodes and read attributes. */
export function shownText(root: Node): string[] {
  const found: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      // Style and script contents are not shown.
      const parent = node.parentElement?.localName;
      if (parent !== 'style' && parent !== 'script') found.push(node.textContent ?? '');
      return;
    }
    if (node instanceof Element) {
      for (const name of READ_ATTRIBUTES) {
        const value = node.getAttribute(name);
        if (value) found.push(value);
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return found;
}

/** The words left under `root` once every marker is taken out: empty when all text is the catalog's. */
export function wordsOutsideCatalog(root: Node): string[] {
  return shownText(root)
    .map((text) => text.replace(/⟦[^⟧]*⟧/g, ' '))
    .flatMap((text) => text.match(/\p{L}{2,}/gu) ?? []);
}
