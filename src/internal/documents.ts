// The physical proportions of the documents the SDK captures, in one place: the live checks'
// aspect prior, the guide frame's shape, the straightened output and the corner check all derive
// from these millimetres (ISO/IEC 7810). Internal: a leaf module (no imports), so any folder may
// read it without joining an import cycle.

/** Document sizes in millimetres, by physical format. */
export const DOCUMENT_MM = {
  /** ID-1 (ISO/IEC 7810): identity cards, driving licences, bank cards. */
  id1: { width: 85.6, height: 54 },
  /** A passport's data page (ID-3, ISO/IEC 7810): it lies on an open booklet. */
  passport: { width: 125, height: 88 },
} as const;
/** A physical document format (`id1` card or `passport` page). */
export type DocumentFormat = keyof typeof DOCUMENT_MM;

/** An ID-1 card's corner radius in millimetres (ISO/IEC 7810). */
export const ID1_CORNER_MM = 3.18;

/** Long/short side ratio of an ID-1 card, 85.6 / 54: the default prior everywhere. */
export const ID1_ASPECT = DOCUMENT_MM.id1.width / DOCUMENT_MM.id1.height;
/** Long/short side ratio of a passport data page, 125 / 88. */
export const PASSPORT_ASPECT = DOCUMENT_MM.passport.width / DOCUMENT_MM.passport.height;
/** An ID-1 card's corner radius over its long side, 3.18 / 85.6. */
export const ID1_CORNER_RADIUS = ID1_CORNER_MM / DOCUMENT_MM.id1.width;

/** Long/short side ratio per format. */
export const DOCUMENT_ASPECTS: Readonly<Record<DocumentFormat, number>> = {
  id1: ID1_ASPECT,
  passport: PASSPORT_ASPECT,
};

/**
 * Corner radius over the long side per format, as the live checks are given it: ID-1 cards' 3.18
 * mm on 85.6 mm; 0 (not looked at) for a passport page, which lies on a booklet whose own
 * corners show.
 */
export const DOCUMENT_CORNER_RADII: Readonly<Record<DocumentFormat, number>> = {
  id1: ID1_CORNER_RADIUS,
  passport: 0,
};

/** The format of each document type the person may choose (`DocumentType` in steps.ts). */
export const DOCUMENT_FORMATS = {
  passport: 'passport',
  identity_card: 'id1',
  drivers_license: 'id1',
} as const satisfies Record<string, DocumentFormat>;
/** A document type, spelled as `DocumentType`'s values. */
type DocumentTypeName = keyof typeof DOCUMENT_FORMATS;

/** The long/short side ratio for a document type; ID-1 when none is chosen yet. */
export function documentAspect(type: DocumentTypeName | undefined): number {
  return DOCUMENT_ASPECTS[type ? DOCUMENT_FORMATS[type] : 'id1'];
}

/**
 * The corner radius over the long side for a document type; 0, not looked at, for a passport page
 * or a document of a kind not chosen yet (its corners may be square).
 */
export function documentCornerRadius(type: DocumentTypeName | undefined): number {
  return type ? DOCUMENT_CORNER_RADII[DOCUMENT_FORMATS[type]] : 0;
}
