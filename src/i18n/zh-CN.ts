// Placeholder, replaced by the translation: re-exports English until the zh-CN catalog is merged.
import { en, type Messages } from './en.js';

/** The zh-CN catalog (placeholder: English). */
export const zhCN: Messages = en;
