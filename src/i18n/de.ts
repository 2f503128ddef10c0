// Placeholder, replaced by the translation: re-exports English until the de catalog is merged.
import { en, type Messages } from './en.js';

/** The de catalog (placeholder: English). */
export const de: Messages = en;
