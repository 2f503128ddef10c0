// Placeholder, replaced by the translation: re-exports English until the fr catalog is merged.
import { en, type Messages } from './en.js';

/** The fr catalog (placeholder: English). */
export const fr: Messages = en;
