// The English catalog. The errors of api/, controllers/ and protocols/ take their English
// `message` from it (one place per sentence), so it imports nothing from those folders, nor from
// flow/, which imports them (a folder cycle otherwise): that its tables word exactly the codes
// and steps those modules define is checked in text.test.ts, at compile time and at run time.
import type { SelfieIssue } from '../face/selfie.js';
import type { QualityIssue } from '../quality/types.js';

/** One entry of a code-keyed table: a sentence, or a function of the values its reason carries. */
export type Wording = string | ((params: never) => string);

/** "Your selfie could not be verified. Please take it again.", naming what is to be retaken. */
function retakePhotos(steps: readonly string[], problem: string): string {
  if (steps.length !== 1) return `These photos ${problem}. Please take them again.`;
  const what = steps[0] === 'selfie' ? 'Your selfie' : 'The photo of your document';
  return `${what} ${problem}. Please take it again.`;
}

/** Every person-facing string of the elements, in English. Hosts override any subset. */
export const en = {
  introTitle: 'Verify your identity',
  introBody:
    'We will take a photo of your identity document and a selfie. Have your document ready and find a well-lit place.',
  consentLabel: 'I agree that my document and face images are sent for identity verification.',
  documentTypeLegend: 'Which document will you use?',
  documentTypes: {
    passport: 'Passport',
    identity_card: 'Identity card',
    drivers_license: 'Driver’s licence',
  } satisfies Readonly<Record<string, string>>,
  start: 'Start',
  stepTitles: {
    document_front: 'Front of your document',
    document_back: 'Back of your document',
    selfie: 'Selfie',
    liveness: 'Liveness check',
  } satisfies Readonly<Record<string, string>>,
  stepHints: {
    document_front: 'Place the front of your document inside the frame, then take the photo.',
    document_back: 'Turn your document over and place the back inside the frame.',
    selfie: 'Look at the camera and keep your face inside the oval.',
    liveness: 'Keep your face inside the oval and follow the instructions.',
  } satisfies Readonly<Record<string, string>>,
  takePhoto: 'Take photo',
  /** The one live instruction per quality issue, most useful first. */
  quality: {
    no_document: 'Place your document inside the frame',
    corners: 'Show all four corners of the document',
    too_far: 'Move closer to the document',
    wrong_shape: 'Hold the document flat, facing the camera',
    dark: 'More light, please',
    bright: 'Too bright: move away from direct light',
    low_contrast: 'Put the document on a plain, darker surface',
    glare: 'Reduce glare: tilt the document away from the light',
    blur: 'Hold still: the picture is blurry',
  } satisfies Record<QualityIssue, string>,
  /** The one live instruction per selfie issue. */
  selfie: {
    no_face: 'Put your face inside the oval',
    multiple_faces: 'Only one face, please: make sure nobody else is in the picture',
    face_too_small: 'Move closer to the camera',
    face_too_large: 'Move back a little',
    face_off_center: 'Centre your face in the oval',
    face_angle: 'Look straight at the camera, head upright',
    blur: 'Hold still: the picture is blurry',
    dark: 'More light on your face, please',
  } satisfies Record<SelfieIssue, string>,
  /** The liveness step: one instruction per movement (the person's own left and right). */
  liveness: {
    tilt_left: 'Tilt your head towards your left shoulder',
    tilt_right: 'Tilt your head towards your right shoulder',
    turn_left: 'Turn your head to your left',
    turn_right: 'Turn your head to your right',
    closer: 'Move your face closer to the camera',
    back: 'Move your face back from the camera',
    look_straight: 'Look straight at the camera',
    holdStill: 'Look at the camera and hold still',
    hold: 'Hold it…',
    done: 'Done',
    timed_out: 'Time is up for this movement. Try again when you are ready.',
    movementOf: (index: number, count: number) => `Movement ${index} of ${count}`,
  },
  /** Shown while the face model loads on a selfie step. */
  loadingFaceCheck: 'Getting the face check ready…',
  holdStill: 'Hold still…',
  manualHint: 'Having trouble? Take the photo yourself with the button below.',
  switchCamera: 'Switch camera',
  torchOn: 'Turn on the light',
  torchOff: 'Turn off the light',
  uploadInstead: 'Upload a photo instead',
  startingCamera: 'Starting the camera…',
  /**
   * Camera failures inside another app (an Android WebView, a WKWebView, Facebook, Instagram,
   * LINE…), where the app, not the person's browser, decides about the camera: name the app and
   * the way forward, shown next to "Upload a photo instead".
   */
  inAppCamera: {
    'permission-denied': 'This app has not allowed camera access. You can upload a photo instead.',
    unsupported: 'This app cannot open the camera here. You can upload a photo instead.',
    'insecure-context': 'This app cannot open the camera here. You can upload a photo instead.',
    'no-video': 'This app does not show the camera picture. You can upload a photo instead.',
  } satisfies Readonly<Record<string, string>>,
  cameraPaused: 'The camera is paused while this page is hidden.',
  reviewTitle: 'Check your photo',
  reviewBody: 'Make sure all the text is readable, there is no glare, and nothing is cut off.',
  portraitMissing:
    'We could not see the photo of your face on the document. Make sure it is not covered or hidden by glare, or retake the photo.',
  reviewImageAlt: 'The photo you just took',
  usePhoto: 'Use this photo',
  retake: 'Retake',
  uploading: 'Sending your photo securely…',
  feedbackTitle: 'Please take this photo again',
  /**
   * Why a photo is to be taken again, by code. session-v1's feedback values (`glare`, `blurry`, …)
   * word any adapter's `feedback`; `<protocol>.<reason>` entries word the `reason` an adapter
   * gives. A custom adapter's reasons are added here through `messages`.
   */
  feedback: {
    ok: 'The photo was accepted.',
    blurry: 'The photo is blurry: hold still and let the camera focus.',
    glare: 'Glare on the document: tilt it away from the light.',
    too_dark: 'The photo is too dark: move somewhere brighter.',
    too_bright: 'The photo is too bright: move out of direct light.',
    document_not_found: 'No document was found: place the whole document inside the frame.',
    corners_not_visible: 'Some corners are cut off: keep all four corners inside the frame.',
    wrong_side: 'This is the other side of the document: turn it over.',
    face_not_found: 'No face was found: look straight at the camera with your face uncovered.',
    multiple_faces: 'More than one face is visible: make sure only you are in the picture.',
    image_too_small: 'The photo is too small: move the camera closer.',
    /** The vendor could not read the document (`NotProcessed`). */
    'link-kyc.not_processed':
      'Your document could not be read. Take the photos again: the whole document in the frame, sharp and without glare.',
    /** The front and back are of different documents (`TEST_SIDE_CORRESPONDENCE` FAIL). */
    'link-kyc.sides_mismatch':
      'The front and back photos are of different documents. Take the back of the same document again.',
    /** The sides still did not match after a new back: both are taken again. */
    'link-kyc.sides_mismatch_both':
      'The front and back photos are still of different documents. Take both sides of one document again.',
    // Seed 000's REJECTED reasons of the document list, for hosts that hand them to
    // `linkKycRejectionGuidance`.
    'link-kyc.document.GLARE': 'There was glare on the document: tilt it away from the light.',
    'link-kyc.document.INCOMPLETE_DOCUMENT':
      'A side of the document is missing: photograph every side.',
    'link-kyc.document.NOT_VISIBLE_FOUR_CORNERS':
      'All four corners of the document must be visible, with nothing covering them.',
    'link-kyc.document.NOT_VISIBLE_SECURITY_FEATURES':
      'Parts of the document were hidden: keep fingers and objects off it.',
    'link-kyc.document.OUT_OF_FOCUS':
      'The document photo was blurry: hold still and let the camera focus.',
    'link-kyc.document.POOR_CONTRAST':
      'The document was hard to read: put it on a plain, darker surface.',
    'link-kyc.document.POOR_EXPOSURE':
      'The document photo was too dark or too bright: find even light.',
    'link-kyc.document.UNCLASSIFIED_DOCUMENT':
      'This document is not supported: please use another identity document.',
    'link-kyc.document.UNREADABLE_FIELD':
      'Some text could not be read: keep the whole document sharp and uncovered.',
    'link-kyc.document.UNSUPPORTED_LANGUAGE':
      'Documents in this language are not supported: please use another document.',
    // ... and of the face-comparison list: the same four quality reasons are about the selfie here.
    'link-kyc.face.MISSING_SELFIE': 'The selfie is missing: please take one.',
    'link-kyc.face.MISSING_PORTRAIT':
      'The photo on your document was not visible: photograph the side with your portrait.',
    'link-kyc.face.NOT_HUMAN_FACE':
      'No face was found on the document: photograph the side with your portrait.',
    'link-kyc.face.PARTIALLY_VISIBLE_HUMAN_FACE':
      'Your face was only partly visible: keep your whole face in the oval.',
    'link-kyc.face.PORTRAIT_IS_FAKE':
      'The portrait on your document could not be accepted: photograph the original document itself, not a copy or a screen.',
    'link-kyc.face.SELFIE_NOT_LIVE': 'Please take a live selfie, not a photo of a photo.',
    'link-kyc.face.OUT_OF_FOCUS': 'Your selfie was blurry: hold still and let the camera focus.',
    'link-kyc.face.POOR_CONTRAST':
      'Your face was hard to make out: stand in front of a plain background.',
    'link-kyc.face.POOR_EXPOSURE': 'Your selfie was too dark or too bright: face an even light.',
    'link-kyc.face.GLARE': 'There was glare on your selfie: move away from direct light.',
    'link-kyc.face.FACE_TOO_CLOSE_SELFIE_IMAGE': 'You were too close: move back a little.',
    'link-kyc.face.FACE_TOO_FAR_SELFIE_IMAGE': 'You were too far: move closer to the camera.',
    'link-kyc.face.FACE_ANGLE_TOO_LARGE_SELFIE_IMAGE': 'Look straight at the camera, head upright.',
    'link-kyc.face.QUALITY_TOO_LOW_SELFIE_IMAGE':
      'The selfie was not clear enough: find good light and hold still.',
    'link-kyc.face.TOO_MANY_FACES_SELFIE_IMAGE':
      'More than one face was visible: make sure only you are in the picture.',
    /** The photos named by a failed (`verification_failed`) reply. */
    'validation-v2.verification_failed': ({ steps }: { steps: readonly string[] }) =>
      retakePhotos(steps, 'could not be verified'),
    'validation-v2.face-image-empty': 'The selfie was empty: please take it again.',
    'validation-v2.no-face':
      'No face was found: look straight at the camera with your face uncovered.',
    'validation-v2.multiple-faces':
      'More than one face is visible: make sure only you are in the picture.',
    'validation-v2.face-not-usable':
      'Your face could not be found in the selfie: please take it again, with only you in the picture.',
    'validation-v2.face-image-required': 'The selfie is missing: please take it again.',
  } satisfies Readonly<Record<string, Wording>>,
  /** Why a photo is to be taken again, when its feedback value has no words of its own. */
  feedbackUnknown: 'The photo could not be used: please take it again.',
  done: 'All done',
  doneBody: 'Thank you. Your photos were received.',
  errorTitle: 'Something went wrong',
  /**
   * The error screen's line, by the error's reason code (`KycError#reason`): mostly its `code`,
   * qualified where two kinds of error share one (`camera.aborted` and the request's `aborted`).
   * Codes without words here (a custom adapter's, until added through `messages`) get `unknown`.
   */
  errors: {
    unknown: 'Something unexpected happened. Please try again.',
    'camera.permission-denied': 'Camera access was blocked.',
    'camera.not-found': 'No camera was found on this device.',
    'camera.in-use': 'Your camera is being used by another app.',
    'camera.overconstrained': 'Your camera cannot take photos in the format needed.',
    'camera.insecure-context':
      'The camera is not available on this page because the connection is not secure.',
    'camera.aborted': 'The camera could not start.',
    'camera.unsupported': 'This browser cannot use the camera.',
    'camera.track-ended': 'The camera stopped.',
    'camera.not-live': 'The camera is not ready yet.',
    'camera.no-video': 'The camera started but shows no picture.',
    'camera.unknown': 'Something went wrong with the camera.',
    /** `serverCode` is empty when the server sent none. */
    'http-error': ({ status, serverCode }: { status: number; serverCode: string }) =>
      `The server answered ${status}${serverCode ? ` (${serverCode})` : ''}.`,
    'network-error': 'The connection to the server failed. Check your connection and try again.',
    /** The protocol's module (a separate file) could not be fetched. */
    'network-error.module-load':
      'The verification module could not be loaded. Check your connection.',
    timeout: 'The server took too long to answer. Please try again.',
    /** The host page's `getToken` did not answer within `tokenTimeoutMs`. */
    'timeout.token-renewal':
      'Renewing this verification took too long. Your photo is kept: please try again.',
    /** The browser is offline: the flow resends by itself once it is back online. */
    'network-error.offline':
      'You are offline. Your photo is kept and will be sent as soon as you are back online.',
    /** A 413 for an image already re-encoded smaller once. */
    'upload-too-large':
      'This photo is too large for the verification service, even made smaller. Please take it again.',
    /** `apiBase` is the setting as given. */
    'configuration.api-base': ({ apiBase }: { apiBase: string }) =>
      `The server address (api-base) must start with https:, or be on this device (localhost); "${apiBase}" is neither.`,
    'token-expired': 'This verification link has expired. Please start again.',
    /** `detail` is what was wrong with the reply, in English, as the checks put it. */
    'bad-response': ({ detail }: { detail: string }) => detail,
    aborted: 'The request was cancelled.',
    /** `detail` is the integrator's own words: a registered protocol's check threw them. */
    configuration: ({ detail }: { detail: string }) => detail,
    'configuration.incomplete-link':
      'This verification link is incomplete: the session or its token is missing.',
    'configuration.unknown-protocol': ({ protocol }: { protocol: string }) =>
      `Unknown protocol "${protocol}".`,
    'configuration.client-id': 'The idv-sdk protocol needs the client id (client-id).',
    /** `operation` is the key of `protocolOptions.paths` that is wrong (or `paths` itself). */
    'configuration.idv-sdk-path': ({ operation }: { operation: string }) =>
      `The idv-sdk path for "${operation}" must be a known operation and a path relative to api-base (protocolOptions.paths).`,
    'configuration.idv-sdk-document-type': ({ documentType }: { documentType: string }) =>
      `The idv-sdk document type for "${documentType}" is not one it can be sent as (protocolOptions.idvDocumentTypes).`,
    'configuration.idv-sdk-position':
      'The idv-sdk protocol sends the person’s position with every photo: turn on geolocation or set location.',
    'idv-sdk.position-unavailable':
      'This verification needs your location. Allow location access for this page, then try again.',
    'configuration.expeditor-country':
      'The link-kyc protocol needs the issuing country (protocolOptions.expeditorCountry).',
    'configuration.document-type-code': ({ documentType }: { documentType: string }) =>
      `The validation-v2 protocol needs the API's code for ${documentType} (protocolOptions.documentTypeCodes).`,
    'not-an-image': 'This file is not a photo we can read.',
    'too-small': 'This photo is too small for the details to be read.',
    'too-large': 'This file is too large.',
    damaged: 'This photo file is damaged and cannot be opened.',
    /** `format` names it, e.g. HEIC. */
    'unsupported-format': ({ format }: { format: string }) =>
      `This browser cannot open ${format} photos.`,
    'encode-failed': 'The photo could not be processed.',
    'encode-failed.no-picture': 'There is no picture to process yet.',
    'encode-failed.no-jpeg': 'This browser cannot create JPEG images.',
    /** `detail` says what is wrong with the bytes. */
    'unsupported-image': ({ detail }: { detail: string }) => `The photo cannot be sent: ${detail}`,
    'missing-document-type': ({ step }: { step: string }) =>
      `A ${step} image needs a document type.`,
    /** session-v1: `detail` says what is wrong with `protocolOptions.imageNames`, in English. */
    'configuration.image-names': ({ detail }: { detail: string }) =>
      `The session-v1 image names (protocolOptions.imageNames) cannot be used: ${detail}`,
    /** session-v1: the backend wants images by `names` the page was not told about. */
    'session-v1.unknown-missing-images': ({ names }: { names: readonly string[] }) =>
      names.length
        ? `The verification service asks for photos this page does not know (${names.join(', ')}).`
        : 'The verification service is not finished but does not say which photo it needs.',
    'link-kyc.verification-error':
      'The verification service had a problem with these photos. Please try again.',
    'link-kyc.nothing-to-send':
      'There is no document photo to send: link-kyc needs at least the front.',
    'validation-v2.already-completed': 'This verification is already complete.',
    'validation-v2.attempts-exhausted': 'There are no attempts left for this verification.',
    'validation-v2.platform-error': 'The verification service had a problem. Please try again.',
    'validation-v2.request-closed': 'This verification has been closed.',
    'validation-v2.document-type-not-supported': 'This kind of verification is not available.',
    'validation-v2.profile-not-found':
      'No verified face was found for you, so this check cannot go on.',
    'validation-v2.invalid-endeavor': 'This verification link is not valid.',
    'validation-v2.verification-error': 'The verification service had a problem. Please try again.',
    'validation-v2.incomplete-request': 'This verification is set up without what it needs.',
    'validation-v2.document-expired':
      'Your document has expired, so it cannot be accepted. Please start again with a valid document, or contact the service that asked you to verify.',
    'validation-v2.invalid-data':
      'The verification could not use the information it was sent, and a new photo will not change that. Please contact the service that asked you to verify.',
  } satisfies Readonly<Record<string, Wording>>,
  /**
   * What the person can do next, shown under the error screen's line: by the same reason code (and
   * values) as `errors`. A code without an entry shows its line and the buttons alone.
   */
  errorSteps: {
    'camera.permission-denied':
      'Allow camera access in your browser’s site settings, then try again, or upload a photo instead.',
    'camera.not-found': 'Connect a camera and try again, or upload a photo instead.',
    'camera.in-use':
      'Close other apps or tabs that use the camera, then try again, or upload a photo instead.',
    'camera.overconstrained': 'Upload a photo instead, or use another device.',
    'camera.insecure-context': 'Upload a photo instead.',
    'camera.aborted': 'Try again, or upload a photo instead.',
    'camera.unsupported': 'Upload a photo instead, or open this page in an up-to-date browser.',
    'camera.track-ended':
      'Check that your camera is connected and not used by another app, then try again, or upload a photo instead.',
    'camera.no-video': 'Try again, or upload a photo instead.',
    'camera.unknown': 'Try again, or upload a photo instead.',
    'not-an-image': 'Choose a JPEG or PNG photo, or take the photo with the camera.',
    damaged: 'Choose another photo, or take the photo with the camera.',
    'unsupported-format': 'Choose a JPEG or PNG photo, or take the photo with the camera.',
    'too-small': 'Choose a sharper, larger photo, or take the photo with the camera.',
    /** `mb` is the size limit in megabytes. */
    'too-large': ({ mb }: { mb: number }) =>
      `Choose a photo smaller than ${mb} MB, or take the photo with the camera.`,
    'encode-failed': 'Try again, or choose another photo.',
  } satisfies Readonly<Record<string, Wording>>,
  tryAgain: 'Try again',
  cancel: 'Cancel',
  cancelled: 'Verification cancelled.',
  stepOf: (n: number, total: number) => `Step ${n} of ${total}`,
  attemptsLeft: (n: number) =>
    n === 1 ? 'You have 1 attempt left.' : `You have ${n} attempts left.`,
  /** Resume after a reload (the opt-in `resume`): the person is told, and may start over. */
  resume: {
    notice: 'The page reloaded. We kept your progress, so you can carry on where you left off.',
    startOver: 'Start over',
  },
  /** Said aloud by the opt-in non-visual guidance (`guidance="speech"`). */
  nonVisual: {
    /** Spoken the moment a photo is taken, by auto-capture or the shutter. */
    photoTaken: 'Photo taken',
  },
};

/** The message catalog's shape. */
export type Messages = typeof en;
