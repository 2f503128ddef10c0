// Placeholder, replaced by the translation: re-exports English until the ar catalog is merged.
import { en, type Messages } from './en.js';

/** The ar catalog (placeholder: English). */
export const ar: Messages = en;
