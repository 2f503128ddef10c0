// What the LINK Mobility KYC mock answers (seed 000): the seed's vocabularies, the fields and
// warnings of an automatic verification, the ping date and the certificate PDF. Pure functions of
// a checked request and a scripted outcome; link-kyc.ts holds the state and the routes.
import {
  LinkKycDocumentRejectionReason,
  LinkKycFaceRejectionReason,
} from '../server/link-kyc-callback.ts';

/** The scopes of the seed's token reply, spelled as the seed spells them. */
export const LINK_KYC_SCOPES = [
  'kyc.idVeriication.auto',
  'kyc.facecomparison.auto',
  'kyc.idVerification.manual',
  'kyc.facecomparison.manual',
  'kyc.certification',
] as const;

/** ID Verification Result codes. */
export const LINK_KYC_RESULTS = ['Ok', 'NotCorrect', 'NotProcessed', 'Warning'] as const;
/** One ID Verification Result code. */
export type LinkKycResult = (typeof LINK_KYC_RESULTS)[number];
/** Verification processes. */
export const LINK_KYC_PROCESSES = ['Automatic', 'Manual'] as const;
/** One verification process. */
export type LinkKycProcess = (typeof LINK_KYC_PROCESSES)[number];
/** HTTP statuses a queued outcome may force. */
export const LINK_KYC_OUTCOME_STATUSES = [400, 500, 503] as const;
/** One HTTP status a queued outcome may force. */
export type LinkKycOutcomeStatus = (typeof LINK_KYC_OUTCOME_STATUSES)[number];

/** The seed's two REJECTED reason lists (the callback vocabulary of kyc-capture/server). */
export const LINK_KYC_DOCUMENT_REASONS: readonly string[] = Object.values(
  LinkKycDocumentRejectionReason,
);
/** `faceComparisonInfo.acceptance.reasons`. */
export const LINK_KYC_FACE_REASONS: readonly string[] = Object.values(LinkKycFaceRejectionReason);

/** The REJECTED reasons a scripted manual verification ends with, list by list. */
export interface LinkKycRejection {
  readonly document: readonly string[];
  readonly face: readonly string[];
}

/** One scripted verify outcome (demo endpoint). */
export interface LinkKycOutcome {
  readonly result?: LinkKycResult;
  readonly warning?: string;
  readonly process?: LinkKycProcess;
  readonly status?: LinkKycOutcomeStatus;
  /** `Error`: the reply's `idVerification.status` ("Service Operation Status"), no result. */
  readonly idVerificationStatus?: 'Error';
  /** A manual verification that ends REJECTED with these reasons (its callback is recorded). */
  readonly rejected?: LinkKycRejection;
}

/**
 * The Manual ID Verification callback of a REJECTED verification, shaped as the seed's
 * "Callback Example REJECTED" (whose results carry a leading space: " REJECTED"; kept, since a
 * receiver must cope with what the vendor sends). A list with no reason reads ACCEPTED.
 */
export function rejectedCallback(id: string, rejection: LinkKycRejection) {
  const acceptance = (reasons: readonly string[]) =>
    reasons.length > 0 ? { result: ' REJECTED', reasons: [...reasons] } : { result: ' ACCEPTED' };
  return {
    id,
    service: 'ManualIDVerification',
    status: 'Completed',
    data: {
      documentInfo: { acceptance: acceptance(rejection.document) },
      faceComparisonInfo: { acceptance: acceptance(rejection.face) },
    },
  };
}

/** now() as the seed's `yyyy-MM-dd HH:mm:ss zzz`, in UTC. */
export function pingDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +00:00`;
}

/** ISO 3166-1 alpha-3 codes of the countries the invented document ids know. */
const ALPHA3: Readonly<Record<string, string>> = {
  AT: 'AUT',
  BE: 'BEL',
  CH: 'CHE',
  DE: 'DEU',
  ES: 'ESP',
  FR: 'FRA',
  GB: 'GBR',
  IT: 'ITA',
  NL: 'NLD',
  PL: 'POL',
  PT: 'PRT',
  US: 'USA',
};

/** A one-page PDF 1.4 with a few lines of Helvetica text and a correct xref table. */
export function makeCertificatePdf(lines: readonly string[]): Buffer {
  const escape = (text: string) =>
    text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
  const stream = `BT /F1 12 Tf 14 TL 72 740 Td ${lines.map((line) => `(${escape(line)}) '`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

/** The `warning` of an automatic verification when the outcome gives none. */
export function defaultWarning(result: LinkKycResult, imageCount: number): string {
  switch (result) {
    case 'Ok':
      return '';
    case 'NotCorrect':
      return 'The document did not pass the authenticity tests (TEST_GLOBAL_AUTHENTICITY_VALUE is FAIL)';
    case 'NotProcessed':
      return 'The document could not be recognized; please retake the images';
    case 'Warning':
      return imageCount === 2
        ? 'The two images do not belong to the same document (TEST_SIDE_CORRESPONDENCE is FAIL)'
        : 'The image is blurred (QUALITY_IMAGE_BLURRING)';
  }
}

/** The request fields an automatic verification's `fields` depend on. */
export interface VerifiedRequest {
  readonly images: readonly { readonly faceImage: unknown }[];
  readonly expeditorCountry: string;
}

/** `idVerification.fields` of an automatic verification (none for NotProcessed). */
export function verificationFields(result: LinkKycResult, request: VerifiedRequest) {
  if (result === 'NotProcessed') return [];
  const field = (type: 'Normal' | 'Validation', code: string, value: string) => ({
    type,
    code,
    value,
    description: code,
  });
  const two = request.images.length === 2;
  const country = ALPHA3[request.expeditorCountry] ?? request.expeditorCountry;
  const fields = [
    field('Normal', 'TYPE', two ? 'IDENTITY' : 'PASSPORT'),
    field('Normal', 'SIDE', String(request.images.length)),
    field(
      'Normal',
      'QUALITY_IMAGE_BLURRING',
      result === 'Warning' && !two ? 'IQ_BAD 64%' : 'IQ_GOOD 11%',
    ),
    field('Normal', 'ICAR_RESULT_DOCUMENT_ID', `${two ? 'ID' : 'PA'}${country}C1`),
    field('Validation', 'TEST_GLOBAL_AUTHENTICITY_VALUE', result === 'NotCorrect' ? 'FAIL' : 'OK'),
  ];
  if (two) {
    fields.push(
      field('Validation', 'TEST_SIDE_CORRESPONDENCE', result === 'Warning' ? 'FAIL' : 'OK'),
    );
  }
  if (request.images[0]?.faceImage !== undefined) {
    fields.push(
      field('Validation', 'TEST_FACE_COMPARISON', result === 'NotCorrect' ? 'FAIL' : 'OK'),
    );
  }
  return fields;
}
