// Placeholder, replaced by the translation: re-exports English until the tr catalog is merged.
import { en, type Messages } from './en.js';

/** The tr catalog (placeholder: English). */
export const tr: Messages = en;
