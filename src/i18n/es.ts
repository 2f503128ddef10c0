// Placeholder, replaced by the translation: re-exports English until the es catalog is merged.
import { en, type Messages } from './en.js';

/** The es catalog (placeholder: English). */
export const es: Messages = en;
