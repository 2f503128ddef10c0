// Placeholder, replaced by the translation: re-exports English until the pl catalog is merged.
import { en, type Messages } from './en.js';

/** The pl catalog (placeholder: English). */
export const pl: Messages = en;
