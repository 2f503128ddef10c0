// Placeholder, replaced by the translation: re-exports English until the it catalog is merged.
import { en, type Messages } from './en.js';

/** The it catalog (placeholder: English). */
export const it: Messages = en;
