// Placeholder, replaced by the translation: re-exports English until the pt-BR catalog is merged.
import { en, type Messages } from './en.js';

/** The pt-BR catalog (placeholder: English). */
export const ptBR: Messages = en;
