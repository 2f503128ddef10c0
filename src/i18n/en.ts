import type { CameraErrorCode } from '../controllers/camera-error.js';
import type { CaptureStep, DocumentType } from '../flow/types.js';
import type { SelfieIssue } from '../face/selfie.js';
import type { QualityIssue } from '../quality/types.js';

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
  } satisfies Record<DocumentType, string>,
  start: 'Start',
  stepTitles: {
    document_front: 'Front of your document',
    document_back: 'Back of your document',
    selfie: 'Selfie',
    liveness: 'Liveness check',
  } satisfies Record<CaptureStep, string>,
  stepHints: {
    document_front: 'Place the front of your document inside the frame, then take the photo.',
    document_back: 'Turn your document over and place the back inside the frame.',
    selfie: 'Look at the camera and keep your face inside the oval.',
    liveness: 'Keep your face inside the oval and follow the instructions.',
  } satisfies Record<CaptureStep, string>,
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
  } satisfies Partial<Record<CameraErrorCode, string>>,
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
  done: 'All done',
  doneBody: 'Thank you. Your photos were received.',
  errorTitle: 'Something went wrong',
  tryAgain: 'Try again',
  cancel: 'Cancel',
  cancelled: 'Verification cancelled.',
  stepOf: (n: number, total: number) => `Step ${n} of ${total}`,
  attemptsLeft: (n: number) =>
    n === 1 ? 'You have 1 attempt left.' : `You have ${n} attempts left.`,
};

/** The message catalog's shape. */
export type Messages = typeof en;
