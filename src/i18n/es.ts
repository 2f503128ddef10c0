// The Spanish catalog. It addresses the person as usted: identity verification is an official,
// bank-like moment, and usted reads right in every Spanish-speaking country (tú/vos differ by
// region). Vocabulary is kept neutral between Spain and Latin America ("tomar una foto", "licencia
// de conducir"), and sentences avoid adjectives that would have to agree with the person's gender.
import type { Messages } from './en.js';

const plural = new Intl.PluralRules('es');
const list = new Intl.ListFormat('es', { type: 'conjunction' });

const stepTitles = {
  document_front: 'Parte frontal de su documento',
  document_back: 'Parte trasera de su documento',
  selfie: 'Selfie',
  liveness: 'Prueba de vida',
} satisfies Messages['stepTitles'];

/** The photos a step leaves, as they are named inside a sentence. */
const photoNames: Readonly<Record<string, string>> = {
  document_front: 'la parte frontal del documento',
  document_back: 'la parte trasera del documento',
  selfie: 'el selfie',
};

/** A step's title; a code this catalog does not know is shown as it is. */
function stepTitle(step: string): string {
  return Object.hasOwn(stepTitles, step) ? stepTitles[step as keyof typeof stepTitles] : step;
}

/** "No se pudo verificar su selfie. Tómelo de nuevo.", naming what is to be retaken. */
function retakePhotos(steps: readonly string[]): string {
  if (steps.length === 1) {
    return steps[0] === 'selfie'
      ? 'No se pudo verificar su selfie. Tómelo de nuevo, por favor.'
      : 'No se pudo verificar la foto de su documento. Tómela de nuevo, por favor.';
  }
  const names = steps.map((step) => photoNames[step]);
  if (steps.length === 0 || names.some((name) => name === undefined)) {
    return 'No se pudieron verificar estas fotos. Tómelas de nuevo, por favor.';
  }
  return `No se pudieron verificar estas fotos: ${list.format(names as string[])}. Tómelas de nuevo, por favor.`;
}

/** Every person-facing string of the elements, in Spanish (usted). */
export const es: Messages = {
  introTitle: 'Verifique su identidad',
  introBody:
    'Vamos a tomar una foto de su documento de identidad y un selfie. Tenga el documento a mano y busque un lugar bien iluminado.',
  consentLabel:
    'Acepto que las imágenes de mi documento y de mi rostro se envíen para verificar mi identidad.',
  documentTypeLegend: '¿Qué documento va a usar?',
  documentTypes: {
    passport: 'Pasaporte',
    identity_card: 'Documento de identidad',
    drivers_license: 'Licencia de conducir',
  },
  start: 'Comenzar',
  stepTitles,
  stepHints: {
    document_front: 'Coloque la parte frontal de su documento dentro del marco y tome la foto.',
    document_back: 'Dé la vuelta al documento y coloque la parte trasera dentro del marco.',
    selfie: 'Mire a la cámara y mantenga su rostro dentro del óvalo.',
    liveness: 'Mantenga su rostro dentro del óvalo y siga las instrucciones.',
  },
  takePhoto: 'Tomar foto',
  quality: {
    no_document: 'Coloque su documento dentro del marco',
    corners: 'Muestre las cuatro esquinas del documento',
    too_far: 'Acérquese al documento',
    wrong_shape: 'Sostenga el documento plano, de frente a la cámara',
    dark: 'Más luz, por favor',
    bright: 'Demasiada luz: apártese de la luz directa',
    low_contrast: 'Ponga el documento sobre una superficie lisa y más oscura',
    glare: 'Reduzca los reflejos: incline el documento, apartándolo de la luz',
    blur: 'No se mueva: la imagen está borrosa',
  },
  selfie: {
    no_face: 'Ponga su rostro dentro del óvalo',
    multiple_faces: 'Solo una cara, por favor: asegúrese de que no haya nadie más en la imagen',
    face_too_small: 'Acérquese a la cámara',
    face_too_large: 'Aléjese un poco',
    face_off_center: 'Centre su rostro en el óvalo',
    face_angle: 'Mire de frente a la cámara, con la cabeza recta',
    blur: 'No se mueva: la imagen está borrosa',
    dark: 'Más luz en su rostro, por favor',
  },
  liveness: {
    tilt_left: 'Incline la cabeza hacia su hombro izquierdo',
    tilt_right: 'Incline la cabeza hacia su hombro derecho',
    turn_left: 'Gire la cabeza hacia su izquierda',
    turn_right: 'Gire la cabeza hacia su derecha',
    closer: 'Acerque el rostro a la cámara',
    back: 'Aleje el rostro de la cámara',
    look_straight: 'Mire de frente a la cámara',
    holdStill: 'Mire a la cámara y no se mueva',
    hold: 'Mantenga la posición…',
    done: 'Listo',
    timed_out: 'Se acabó el tiempo para este movimiento. Inténtelo de nuevo cuando quiera.',
    movementOf: (index: number, count: number) => `Movimiento ${index} de ${count}`,
  },
  loadingFaceCheck: 'Preparando la verificación del rostro…',
  holdStill: 'No se mueva…',
  manualHint: '¿Tiene problemas? Tome la foto manualmente con el botón de abajo.',
  switchCamera: 'Cambiar de cámara',
  torchOn: 'Encender la linterna',
  torchOff: 'Apagar la linterna',
  uploadInstead: 'Subir una foto',
  startingCamera: 'Iniciando la cámara…',
  inAppCamera: {
    'permission-denied':
      'Esta aplicación no ha permitido el acceso a la cámara. En su lugar, puede subir una foto.',
    unsupported:
      'Esta aplicación no puede abrir la cámara aquí. En su lugar, puede subir una foto.',
    'insecure-context':
      'Esta aplicación no puede abrir la cámara aquí. En su lugar, puede subir una foto.',
    'no-video':
      'Esta aplicación no muestra la imagen de la cámara. En su lugar, puede subir una foto.',
  },
  cameraPaused: 'La cámara está en pausa mientras esta página está oculta.',
  reviewTitle: 'Revise su foto',
  reviewBody:
    'Asegúrese de que todo el texto se lea bien, de que no haya reflejos y de que no quede nada cortado.',
  portraitMissing:
    'No pudimos ver la foto de su rostro en el documento. Asegúrese de que no esté tapada ni oculta por reflejos, o vuelva a tomar la foto.',
  reviewImageAlt: 'La foto que acaba de tomar',
  usePhoto: 'Usar esta foto',
  retake: 'Volver a tomar',
  uploading: 'Enviando su foto de forma segura…',
  feedbackTitle: 'Vuelva a tomar esta foto, por favor',
  feedback: {
    ok: 'La foto fue aceptada.',
    blurry: 'La foto está borrosa: no se mueva y deje que la cámara enfoque.',
    glare: 'Hay reflejos en el documento: inclínelo, apartándolo de la luz.',
    too_dark: 'La foto está demasiado oscura: busque un lugar con más luz.',
    too_bright: 'La foto tiene demasiada luz: apártese de la luz directa.',
    document_not_found:
      'No se encontró ningún documento: coloque el documento completo dentro del marco.',
    corners_not_visible: 'Hay esquinas cortadas: mantenga las cuatro esquinas dentro del marco.',
    wrong_side: 'Este es el otro lado del documento: dele la vuelta.',
    face_not_found:
      'No se encontró ningún rostro: mire de frente a la cámara, con la cara descubierta.',
    multiple_faces: 'Se ve más de una cara: asegúrese de que solo aparezca usted en la imagen.',
    image_too_small: 'La foto es demasiado pequeña: acerque la cámara.',
    'link-kyc.not_processed':
      'No se pudo leer su documento. Vuelva a tomar las fotos: el documento completo en el marco, nítido y sin reflejos.',
    'link-kyc.sides_mismatch':
      'Las fotos de la parte frontal y de la trasera son de documentos distintos. Vuelva a fotografiar la parte trasera del mismo documento.',
    'link-kyc.sides_mismatch_both':
      'Las fotos de la parte frontal y de la trasera siguen siendo de documentos distintos. Vuelva a fotografiar los dos lados de un mismo documento.',
    'link-kyc.document.GLARE': 'Había reflejos en el documento: inclínelo, apartándolo de la luz.',
    'link-kyc.document.INCOMPLETE_DOCUMENT':
      'Falta un lado del documento: fotografíe todos sus lados.',
    'link-kyc.document.NOT_VISIBLE_FOUR_CORNERS':
      'Las cuatro esquinas del documento deben verse, sin nada que las tape.',
    'link-kyc.document.NOT_VISIBLE_SECURITY_FEATURES':
      'Había partes del documento tapadas: no ponga los dedos ni objetos encima.',
    'link-kyc.document.OUT_OF_FOCUS':
      'La foto del documento estaba borrosa: no se mueva y deje que la cámara enfoque.',
    'link-kyc.document.POOR_CONTRAST':
      'El documento se leía mal: póngalo sobre una superficie lisa y más oscura.',
    'link-kyc.document.POOR_EXPOSURE':
      'La foto del documento estaba demasiado oscura o demasiado clara: busque una luz uniforme.',
    'link-kyc.document.UNCLASSIFIED_DOCUMENT':
      'Este documento no se admite: use otro documento de identidad, por favor.',
    'link-kyc.document.UNREADABLE_FIELD':
      'No se pudo leer parte del texto: el documento completo debe verse nítido y sin nada encima.',
    'link-kyc.document.UNSUPPORTED_LANGUAGE':
      'No se admiten documentos en este idioma: use otro documento, por favor.',
    'link-kyc.face.MISSING_SELFIE': 'Falta el selfie: tómese uno, por favor.',
    'link-kyc.face.MISSING_PORTRAIT':
      'No se veía la foto de su documento: fotografíe el lado donde aparece su foto.',
    'link-kyc.face.NOT_HUMAN_FACE':
      'No se encontró ningún rostro en el documento: fotografíe el lado donde aparece su foto.',
    'link-kyc.face.PARTIALLY_VISIBLE_HUMAN_FACE':
      'Su rostro solo se veía en parte: mantenga toda la cara dentro del óvalo.',
    'link-kyc.face.PORTRAIT_IS_FAKE':
      'No se pudo aceptar la foto de su documento: fotografíe el documento original, no una copia ni una pantalla.',
    'link-kyc.face.SELFIE_NOT_LIVE':
      'Tómese un selfie en este momento, por favor, no una foto de otra foto.',
    'link-kyc.face.OUT_OF_FOCUS':
      'Su selfie estaba borroso: no se mueva y deje que la cámara enfoque.',
    'link-kyc.face.POOR_CONTRAST': 'Su rostro se distinguía mal: póngase delante de un fondo liso.',
    'link-kyc.face.POOR_EXPOSURE':
      'Su selfie estaba demasiado oscuro o demasiado claro: póngase de frente a una luz uniforme.',
    'link-kyc.face.GLARE': 'Había reflejos en su selfie: apártese de la luz directa.',
    'link-kyc.face.FACE_TOO_CLOSE_SELFIE_IMAGE': 'Estaba demasiado cerca: aléjese un poco.',
    'link-kyc.face.FACE_TOO_FAR_SELFIE_IMAGE': 'Estaba demasiado lejos: acérquese a la cámara.',
    'link-kyc.face.FACE_ANGLE_TOO_LARGE_SELFIE_IMAGE':
      'Mire de frente a la cámara, con la cabeza recta.',
    'link-kyc.face.QUALITY_TOO_LOW_SELFIE_IMAGE':
      'El selfie no era lo bastante nítido: busque buena luz y no se mueva.',
    'link-kyc.face.TOO_MANY_FACES_SELFIE_IMAGE':
      'Se veía más de una cara: asegúrese de que solo aparezca usted en la imagen.',
    'validation-v2.verification_failed': ({ steps }: { steps: readonly string[] }) =>
      retakePhotos(steps),
    'validation-v2.face-image-empty': 'El selfie estaba vacío: tómelo de nuevo, por favor.',
    'validation-v2.no-face':
      'No se encontró ningún rostro: mire de frente a la cámara, con la cara descubierta.',
    'validation-v2.multiple-faces':
      'Se ve más de una cara: asegúrese de que solo aparezca usted en la imagen.',
    'validation-v2.face-not-usable':
      'No se encontró su rostro en el selfie: tómelo de nuevo, con solo usted en la imagen.',
    'validation-v2.face-image-required': 'Falta el selfie: tómelo de nuevo, por favor.',
  },
  feedbackUnknown: 'No se pudo usar la foto: tómela de nuevo, por favor.',
  done: 'Todo listo',
  doneBody: 'Gracias. Hemos recibido sus fotos.',
  errorTitle: 'Algo salió mal',
  errors: {
    unknown: 'Ocurrió algo inesperado. Inténtelo de nuevo.',
    'camera.permission-denied': 'Se bloqueó el acceso a la cámara.',
    'camera.not-found': 'No se encontró ninguna cámara en este dispositivo.',
    'camera.in-use': 'Otra aplicación está usando su cámara.',
    'camera.overconstrained': 'Su cámara no puede tomar fotos en el formato necesario.',
    'camera.insecure-context':
      'La cámara no está disponible en esta página porque la conexión no es segura.',
    'camera.aborted': 'No se pudo iniciar la cámara.',
    'camera.unsupported': 'Este navegador no puede usar la cámara.',
    'camera.track-ended': 'La cámara se detuvo.',
    'camera.not-live': 'La cámara aún no está lista.',
    'camera.no-video': 'La cámara se inició, pero no muestra ninguna imagen.',
    'camera.unknown': 'Hubo un problema con la cámara.',
    'http-error': ({ status, serverCode }: { status: number; serverCode: string }) =>
      `El servidor respondió con el código ${status}${serverCode ? ` (${serverCode})` : ''}.`,
    'network-error': 'Falló la conexión con el servidor. Revise su conexión e inténtelo de nuevo.',
    'network-error.module-load': 'No se pudo cargar el módulo de verificación. Revise su conexión.',
    timeout: 'El servidor tardó demasiado en responder. Inténtelo de nuevo.',
    'timeout.token-renewal':
      'La renovación de esta verificación tardó demasiado. Su foto se conserva: inténtelo de nuevo.',
    'network-error.offline':
      'No tiene conexión. Su foto se conserva y se enviará en cuanto vuelva a estar en línea.',
    'upload-too-large':
      'Esta foto es demasiado grande para el servicio de verificación, incluso reducida. Vuelva a tomarla, por favor.',
    'configuration.api-base': ({ apiBase }: { apiBase: string }) =>
      `La dirección del servidor (api-base) debe comenzar con https: o estar en este dispositivo (localhost); «${apiBase}» no cumple ninguna de las dos condiciones.`,
    'token-expired': 'Este enlace de verificación ha expirado. Vuelva a empezar.',
    // The checks word `detail` in English only; it is shown as they give it.
    'bad-response': ({ detail }: { detail: string }) => detail,
    aborted: 'Se canceló la solicitud.',
    configuration: ({ detail }: { detail: string }) => detail,
    'configuration.incomplete-link':
      'Este enlace de verificación está incompleto: falta la sesión o su token.',
    'configuration.unknown-protocol': ({ protocol }: { protocol: string }) =>
      `Protocolo desconocido: «${protocol}».`,
    'configuration.client-id':
      'El protocolo idv-sdk necesita el identificador de cliente (client-id).',
    'configuration.idv-sdk-path': ({ operation }: { operation: string }) =>
      `La ruta de idv-sdk para «${operation}» debe ser una operación conocida y una ruta relativa a api-base (protocolOptions.paths).`,
    'configuration.idv-sdk-document-type': ({ documentType }: { documentType: string }) =>
      `El tipo de documento de idv-sdk configurado para «${documentType}» no es un valor que se pueda enviar (protocolOptions.idvDocumentTypes).`,
    'configuration.idv-sdk-position':
      'El protocolo idv-sdk envía la posición de la persona con cada foto: active la geolocalización o configure location.',
    'idv-sdk.position-unavailable':
      'Esta verificación necesita su ubicación. Permita el acceso a la ubicación para esta página e inténtelo de nuevo.',
    'configuration.expeditor-country':
      'El protocolo link-kyc necesita el país emisor (protocolOptions.expeditorCountry).',
    'configuration.document-type-code': ({ documentType }: { documentType: string }) =>
      `El protocolo validation-v2 necesita el código de la API para ${documentType} (protocolOptions.documentTypeCodes).`,
    'not-an-image': 'Este archivo no es una foto que podamos leer.',
    'too-small': 'Esta foto es demasiado pequeña para poder leer los detalles.',
    'too-large': 'Este archivo es demasiado grande.',
    damaged: 'Este archivo de foto está dañado y no se puede abrir.',
    'unsupported-format': ({ format }: { format: string }) =>
      `Este navegador no puede abrir fotos en formato ${format}.`,
    'encode-failed': 'No se pudo procesar la foto.',
    'encode-failed.no-picture': 'Todavía no hay ninguna imagen que procesar.',
    'encode-failed.no-jpeg': 'Este navegador no puede crear imágenes JPEG.',
    'unsupported-image': ({ detail }: { detail: string }) =>
      `No se puede enviar la foto: ${detail}`,
    'missing-document-type': ({ step }: { step: string }) =>
      `La imagen «${stepTitle(step)}» necesita un tipo de documento.`,
    'configuration.image-names': ({ detail }: { detail: string }) =>
      `Los nombres de imagen de session-v1 (protocolOptions.imageNames) no se pueden usar: ${detail}`,
    'session-v1.unknown-missing-images': ({ names }: { names: readonly string[] }) =>
      names.length
        ? `El servicio de verificación pide fotos que esta página no conoce (${list.format(names)}).`
        : 'El servicio de verificación no ha terminado, pero no indica qué foto necesita.',
    'link-kyc.verification-error':
      'El servicio de verificación tuvo un problema con estas fotos. Inténtelo de nuevo.',
    'link-kyc.nothing-to-send':
      'No hay ninguna foto del documento que enviar: link-kyc necesita al menos la parte frontal.',
    'validation-v2.already-completed': 'Esta verificación ya está completada.',
    'validation-v2.attempts-exhausted': 'No quedan intentos para esta verificación.',
    'validation-v2.platform-error':
      'El servicio de verificación tuvo un problema. Inténtelo de nuevo.',
    'validation-v2.request-closed': 'Esta verificación se ha cerrado.',
    'validation-v2.document-type-not-supported': 'Este tipo de verificación no está disponible.',
    'validation-v2.profile-not-found':
      'No se encontró ningún rostro verificado a su nombre, así que esta comprobación no puede continuar.',
    'validation-v2.invalid-endeavor': 'Este enlace de verificación no es válido.',
    'validation-v2.verification-error':
      'El servicio de verificación tuvo un problema. Inténtelo de nuevo.',
    'validation-v2.incomplete-request':
      'Esta verificación no está configurada con todo lo que necesita.',
    'validation-v2.document-expired':
      'Su documento está vencido, así que no se puede aceptar. Vuelva a empezar con un documento válido o contacte con el servicio que le pidió la verificación.',
    'validation-v2.invalid-data':
      'La verificación no pudo usar la información que recibió, y una foto nueva no lo cambiará. Contacte con el servicio que le pidió la verificación.',
  },
  errorSteps: {
    'camera.permission-denied':
      'Permita el acceso a la cámara en la configuración del sitio de su navegador e inténtelo de nuevo, o suba una foto.',
    'camera.not-found': 'Conecte una cámara e inténtelo de nuevo, o suba una foto.',
    'camera.in-use':
      'Cierre otras aplicaciones o pestañas que usen la cámara e inténtelo de nuevo, o suba una foto.',
    'camera.overconstrained': 'Suba una foto o use otro dispositivo.',
    'camera.insecure-context': 'Suba una foto.',
    'camera.aborted': 'Inténtelo de nuevo o suba una foto.',
    'camera.unsupported': 'Suba una foto o abra esta página en un navegador actualizado.',
    'camera.track-ended':
      'Compruebe que la cámara esté conectada y que ninguna otra aplicación la use; luego inténtelo de nuevo o suba una foto.',
    'camera.no-video': 'Inténtelo de nuevo o suba una foto.',
    'camera.unknown': 'Inténtelo de nuevo o suba una foto.',
    'not-an-image': 'Elija una foto JPEG o PNG, o tome la foto con la cámara.',
    damaged: 'Elija otra foto o tome la foto con la cámara.',
    'unsupported-format': 'Elija una foto JPEG o PNG, o tome la foto con la cámara.',
    'too-small': 'Elija una foto más nítida y más grande, o tome la foto con la cámara.',
    'too-large': ({ mb }: { mb: number }) =>
      `Elija una foto de menos de ${mb} MB, o tome la foto con la cámara.`,
    'encode-failed': 'Inténtelo de nuevo o elija otra foto.',
  },
  tryAgain: 'Intentar de nuevo',
  cancel: 'Cancelar',
  cancelled: 'Verificación cancelada.',
  stepOf: (n: number, total: number) => `Paso ${n} de ${total}`,
  attemptsLeft: (n: number) => {
    if (n === 0) return 'No le quedan intentos.';
    return plural.select(n) === 'one' ? `Le queda ${n} intento.` : `Le quedan ${n} intentos.`;
  },
  resume: {
    notice:
      'La página se volvió a cargar. Guardamos su progreso, así que puede continuar donde lo dejó.',
    startOver: 'Empezar de nuevo',
  },
  nonVisual: {
    photoTaken: 'Foto tomada',
  },
};
