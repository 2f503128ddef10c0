// The German catalog: `Sie` throughout, as banks and identity services address a person; after a
// colon a full sentence starts with a capital. Quotes are „…“. Technical names (api-base,
// protocolOptions.*, protocol names, geolocation/location) stay as the integrator types them.
import type { Messages } from './en.js';

const plural = new Intl.PluralRules('de');
const list = new Intl.ListFormat('de', { type: 'conjunction' });
const number = new Intl.NumberFormat('de');

/** „Ihr Selfie konnte nicht überprüft werden. …“, naming what is to be retaken. */
function notVerified(steps: readonly string[]): string {
  if (steps.length !== 1) {
    return 'Diese Fotos konnten nicht überprüft werden. Bitte nehmen Sie sie erneut auf.';
  }
  return steps[0] === 'selfie'
    ? 'Ihr Selfie konnte nicht überprüft werden. Bitte nehmen Sie es erneut auf.'
    : 'Das Foto Ihres Dokuments konnte nicht überprüft werden. Bitte nehmen Sie es erneut auf.';
}

/** Every person-facing string of the elements, in German. */
export const de: Messages = {
  introTitle: 'Identität bestätigen',
  introBody:
    'Wir machen ein Foto Ihres Ausweisdokuments und ein Selfie. Halten Sie Ihr Dokument bereit und suchen Sie sich einen gut beleuchteten Ort.',
  consentLabel:
    'Ich bin damit einverstanden, dass Bilder meines Dokuments und meines Gesichts zur Identitätsprüfung übermittelt werden.',
  documentTypeLegend: 'Welches Dokument möchten Sie verwenden?',
  documentTypes: {
    passport: 'Reisepass',
    identity_card: 'Personalausweis',
    drivers_license: 'Führerschein',
  },
  start: 'Starten',
  stepTitles: {
    document_front: 'Vorderseite Ihres Dokuments',
    document_back: 'Rückseite Ihres Dokuments',
    selfie: 'Selfie',
    liveness: 'Lebendigkeitsprüfung',
  },
  stepHints: {
    document_front:
      'Platzieren Sie die Vorderseite Ihres Dokuments im Rahmen und machen Sie dann das Foto.',
    document_back: 'Drehen Sie Ihr Dokument um und platzieren Sie die Rückseite im Rahmen.',
    selfie: 'Schauen Sie in die Kamera und halten Sie Ihr Gesicht im Oval.',
    liveness: 'Halten Sie Ihr Gesicht im Oval und folgen Sie den Anweisungen.',
  },
  takePhoto: 'Foto aufnehmen',
  quality: {
    no_document: 'Platzieren Sie Ihr Dokument im Rahmen',
    corners: 'Zeigen Sie alle vier Ecken des Dokuments',
    too_far: 'Gehen Sie näher an das Dokument heran',
    wrong_shape: 'Halten Sie das Dokument flach und gerade vor die Kamera',
    dark: 'Bitte mehr Licht',
    bright: 'Zu hell: Gehen Sie aus dem direkten Licht',
    low_contrast: 'Legen Sie das Dokument auf eine einfarbige, dunklere Unterlage',
    glare: 'Spiegelungen vermeiden: Kippen Sie das Dokument vom Licht weg',
    blur: 'Bitte stillhalten: Das Bild ist unscharf',
  },
  selfie: {
    no_face: 'Bringen Sie Ihr Gesicht ins Oval',
    multiple_faces: 'Bitte nur ein Gesicht: Achten Sie darauf, dass niemand sonst im Bild ist',
    face_too_small: 'Gehen Sie näher an die Kamera heran',
    face_too_large: 'Gehen Sie etwas zurück',
    face_off_center: 'Zentrieren Sie Ihr Gesicht im Oval',
    face_angle: 'Schauen Sie gerade in die Kamera, den Kopf aufrecht',
    blur: 'Bitte stillhalten: Das Bild ist unscharf',
    dark: 'Bitte mehr Licht auf Ihr Gesicht',
  },
  liveness: {
    tilt_left: 'Neigen Sie den Kopf zu Ihrer linken Schulter',
    tilt_right: 'Neigen Sie den Kopf zu Ihrer rechten Schulter',
    turn_left: 'Drehen Sie den Kopf nach links',
    turn_right: 'Drehen Sie den Kopf nach rechts',
    closer: 'Bringen Sie Ihr Gesicht näher an die Kamera',
    back: 'Bewegen Sie Ihr Gesicht etwas von der Kamera weg',
    look_straight: 'Schauen Sie gerade in die Kamera',
    holdStill: 'Schauen Sie in die Kamera und halten Sie still',
    hold: 'Position halten…',
    done: 'Fertig',
    timed_out:
      'Die Zeit für diese Bewegung ist abgelaufen. Versuchen Sie es erneut, wenn Sie so weit sind.',
    movementOf: (index: number, count: number) => `Bewegung ${index} von ${count}`,
  },
  loadingFaceCheck: 'Gesichtsprüfung wird vorbereitet…',
  holdStill: 'Bitte stillhalten…',
  manualHint: 'Klappt es nicht? Nehmen Sie das Foto mit der Schaltfläche unten selbst auf.',
  switchCamera: 'Kamera wechseln',
  torchOn: 'Licht einschalten',
  torchOff: 'Licht ausschalten',
  uploadInstead: 'Stattdessen ein Foto hochladen',
  startingCamera: 'Kamera wird gestartet…',
  inAppCamera: {
    'permission-denied':
      'Diese App hat den Kamerazugriff nicht erlaubt. Sie können stattdessen ein Foto hochladen.',
    unsupported:
      'Diese App kann die Kamera hier nicht öffnen. Sie können stattdessen ein Foto hochladen.',
    'insecure-context':
      'Diese App kann die Kamera hier nicht öffnen. Sie können stattdessen ein Foto hochladen.',
    'no-video':
      'Diese App zeigt das Kamerabild nicht an. Sie können stattdessen ein Foto hochladen.',
  },
  cameraPaused: 'Die Kamera ist pausiert, solange diese Seite ausgeblendet ist.',
  reviewTitle: 'Foto prüfen',
  reviewBody:
    'Achten Sie darauf, dass der ganze Text lesbar ist, nichts spiegelt und nichts abgeschnitten ist.',
  portraitMissing:
    'Wir konnten das Foto Ihres Gesichts auf dem Dokument nicht erkennen. Achten Sie darauf, dass es weder verdeckt ist noch spiegelt, oder nehmen Sie das Foto erneut auf.',
  reviewImageAlt: 'Das Foto, das Sie gerade aufgenommen haben',
  usePhoto: 'Dieses Foto verwenden',
  retake: 'Neu aufnehmen',
  uploading: 'Ihr Foto wird sicher übertragen…',
  feedbackTitle: 'Bitte nehmen Sie dieses Foto erneut auf',
  feedback: {
    ok: 'Das Foto wurde angenommen.',
    blurry: 'Das Foto ist unscharf: Halten Sie still und lassen Sie die Kamera scharfstellen.',
    glare: 'Spiegelungen auf dem Dokument: Kippen Sie es vom Licht weg.',
    too_dark: 'Das Foto ist zu dunkel: Suchen Sie einen helleren Ort auf.',
    too_bright: 'Das Foto ist zu hell: Gehen Sie aus dem direkten Licht.',
    document_not_found: 'Kein Dokument gefunden: Platzieren Sie das ganze Dokument im Rahmen.',
    corners_not_visible: 'Einige Ecken sind abgeschnitten: Halten Sie alle vier Ecken im Rahmen.',
    wrong_side: 'Das ist die andere Seite des Dokuments: Bitte drehen Sie es um.',
    face_not_found:
      'Kein Gesicht gefunden: Schauen Sie gerade in die Kamera, das Gesicht unverdeckt.',
    multiple_faces:
      'Mehr als ein Gesicht ist zu sehen: Achten Sie darauf, dass nur Sie im Bild sind.',
    image_too_small: 'Das Foto ist zu klein: Gehen Sie mit der Kamera näher heran.',
    'link-kyc.not_processed':
      'Ihr Dokument konnte nicht gelesen werden. Nehmen Sie die Fotos erneut auf: das ganze Dokument im Rahmen, scharf und ohne Spiegelungen.',
    'link-kyc.sides_mismatch':
      'Vorder- und Rückseite stammen von verschiedenen Dokumenten. Nehmen Sie die Rückseite desselben Dokuments erneut auf.',
    'link-kyc.sides_mismatch_both':
      'Vorder- und Rückseite stammen immer noch von verschiedenen Dokumenten. Nehmen Sie beide Seiten ein und desselben Dokuments erneut auf.',
    'link-kyc.document.GLARE': 'Das Dokument hat gespiegelt: Kippen Sie es vom Licht weg.',
    'link-kyc.document.INCOMPLETE_DOCUMENT':
      'Eine Seite des Dokuments fehlt: Fotografieren Sie jede Seite.',
    'link-kyc.document.NOT_VISIBLE_FOUR_CORNERS':
      'Alle vier Ecken des Dokuments müssen zu sehen sein, ohne dass etwas sie verdeckt.',
    'link-kyc.document.NOT_VISIBLE_SECURITY_FEATURES':
      'Teile des Dokuments waren verdeckt: Halten Sie Finger und Gegenstände davon fern.',
    'link-kyc.document.OUT_OF_FOCUS':
      'Das Foto des Dokuments war unscharf: Halten Sie still und lassen Sie die Kamera scharfstellen.',
    'link-kyc.document.POOR_CONTRAST':
      'Das Dokument war schwer zu lesen: Legen Sie es auf eine einfarbige, dunklere Unterlage.',
    'link-kyc.document.POOR_EXPOSURE':
      'Das Foto des Dokuments war zu dunkel oder zu hell: Sorgen Sie für gleichmäßiges Licht.',
    'link-kyc.document.UNCLASSIFIED_DOCUMENT':
      'Dieses Dokument wird nicht unterstützt: Bitte verwenden Sie ein anderes Ausweisdokument.',
    'link-kyc.document.UNREADABLE_FIELD':
      'Ein Teil des Textes war nicht lesbar: Halten Sie das ganze Dokument scharf und unverdeckt ins Bild.',
    'link-kyc.document.UNSUPPORTED_LANGUAGE':
      'Dokumente in dieser Sprache werden nicht unterstützt: Bitte verwenden Sie ein anderes Dokument.',
    'link-kyc.face.MISSING_SELFIE': 'Das Selfie fehlt: Bitte nehmen Sie eines auf.',
    'link-kyc.face.MISSING_PORTRAIT':
      'Das Foto auf Ihrem Dokument war nicht zu sehen: Fotografieren Sie die Seite mit Ihrem Porträt.',
    'link-kyc.face.NOT_HUMAN_FACE':
      'Auf dem Dokument wurde kein Gesicht gefunden: Fotografieren Sie die Seite mit Ihrem Porträt.',
    'link-kyc.face.PARTIALLY_VISIBLE_HUMAN_FACE':
      'Ihr Gesicht war nur teilweise zu sehen: Halten Sie Ihr ganzes Gesicht im Oval.',
    'link-kyc.face.PORTRAIT_IS_FAKE':
      'Das Porträt auf Ihrem Dokument konnte nicht akzeptiert werden: Fotografieren Sie das Originaldokument selbst, keine Kopie und keinen Bildschirm.',
    'link-kyc.face.SELFIE_NOT_LIVE': 'Bitte machen Sie ein Live-Selfie, kein Foto von einem Foto.',
    'link-kyc.face.OUT_OF_FOCUS':
      'Ihr Selfie war unscharf: Halten Sie still und lassen Sie die Kamera scharfstellen.',
    'link-kyc.face.POOR_CONTRAST':
      'Ihr Gesicht war schwer zu erkennen: Stellen Sie sich vor einen einfarbigen Hintergrund.',
    'link-kyc.face.POOR_EXPOSURE':
      'Ihr Selfie war zu dunkel oder zu hell: Sorgen Sie für gleichmäßiges Licht auf Ihrem Gesicht.',
    'link-kyc.face.GLARE': 'Ihr Selfie hatte Spiegelungen: Gehen Sie aus dem direkten Licht.',
    'link-kyc.face.FACE_TOO_CLOSE_SELFIE_IMAGE': 'Sie waren zu nah: Gehen Sie etwas zurück.',
    'link-kyc.face.FACE_TOO_FAR_SELFIE_IMAGE':
      'Sie waren zu weit weg: Gehen Sie näher an die Kamera heran.',
    'link-kyc.face.FACE_ANGLE_TOO_LARGE_SELFIE_IMAGE':
      'Schauen Sie gerade in die Kamera, den Kopf aufrecht.',
    'link-kyc.face.QUALITY_TOO_LOW_SELFIE_IMAGE':
      'Das Selfie war nicht deutlich genug: Sorgen Sie für gutes Licht und halten Sie still.',
    'link-kyc.face.TOO_MANY_FACES_SELFIE_IMAGE':
      'Mehr als ein Gesicht war zu sehen: Achten Sie darauf, dass nur Sie im Bild sind.',
    'validation-v2.verification_failed': ({ steps }: { steps: readonly string[] }) =>
      notVerified(steps),
    'validation-v2.face-image-empty': 'Das Selfie war leer: Bitte nehmen Sie es erneut auf.',
    'validation-v2.no-face':
      'Kein Gesicht gefunden: Schauen Sie gerade in die Kamera, das Gesicht unverdeckt.',
    'validation-v2.multiple-faces':
      'Mehr als ein Gesicht ist zu sehen: Achten Sie darauf, dass nur Sie im Bild sind.',
    'validation-v2.face-not-usable':
      'Ihr Gesicht wurde auf dem Selfie nicht gefunden: Bitte nehmen Sie es erneut auf, ohne andere Personen im Bild.',
    'validation-v2.face-image-required': 'Das Selfie fehlt: Bitte nehmen Sie es erneut auf.',
  },
  feedbackUnknown: 'Das Foto konnte nicht verwendet werden: Bitte nehmen Sie es erneut auf.',
  done: 'Alles erledigt',
  doneBody: 'Vielen Dank. Ihre Fotos sind bei uns eingegangen.',
  errorTitle: 'Etwas ist schiefgelaufen',
  errors: {
    unknown: 'Etwas Unerwartetes ist passiert. Bitte versuchen Sie es erneut.',
    'camera.permission-denied': 'Der Kamerazugriff wurde blockiert.',
    'camera.not-found': 'Auf diesem Gerät wurde keine Kamera gefunden.',
    'camera.in-use': 'Ihre Kamera wird gerade von einer anderen App verwendet.',
    'camera.overconstrained': 'Ihre Kamera kann keine Fotos im benötigten Format aufnehmen.',
    'camera.insecure-context':
      'Die Kamera ist auf dieser Seite nicht verfügbar, weil die Verbindung nicht sicher ist.',
    'camera.aborted': 'Die Kamera konnte nicht gestartet werden.',
    'camera.unsupported': 'Dieser Browser kann die Kamera nicht verwenden.',
    'camera.track-ended': 'Die Kamera hat sich ausgeschaltet.',
    'camera.not-live': 'Die Kamera ist noch nicht bereit.',
    'camera.no-video': 'Die Kamera ist gestartet, zeigt aber kein Bild.',
    'camera.unknown': 'Mit der Kamera ist etwas schiefgelaufen.',
    'http-error': ({ status, serverCode }: { status: number; serverCode: string }) =>
      `Der Server hat mit Fehler ${status}${serverCode ? ` (${serverCode})` : ''} geantwortet.`,
    'network-error':
      'Die Verbindung zum Server ist fehlgeschlagen. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    'network-error.module-load':
      'Das Verifizierungsmodul konnte nicht geladen werden. Prüfen Sie Ihre Verbindung.',
    timeout: 'Der Server hat zu lange nicht geantwortet. Bitte versuchen Sie es erneut.',
    'timeout.token-renewal':
      'Die Erneuerung dieser Verifizierung hat zu lange gedauert. Ihr Foto bleibt erhalten: Bitte versuchen Sie es erneut.',
    'network-error.offline':
      'Sie sind offline. Ihr Foto bleibt erhalten und wird gesendet, sobald Sie wieder online sind.',
    'upload-too-large':
      'Dieses Foto ist selbst verkleinert zu groß für den Verifizierungsdienst. Bitte nehmen Sie es erneut auf.',
    'configuration.api-base': ({ apiBase }: { apiBase: string }) =>
      `Die Serveradresse (api-base) muss mit https: beginnen oder auf diesem Gerät liegen (localhost); „${apiBase}“ ist keins von beiden.`,
    'token-expired': 'Dieser Verifizierungslink ist abgelaufen. Bitte beginnen Sie von vorn.',
    'bad-response': ({ detail }: { detail: string }) => detail,
    aborted: 'Die Anfrage wurde abgebrochen.',
    configuration: ({ detail }: { detail: string }) => detail,
    'configuration.incomplete-link':
      'Dieser Verifizierungslink ist unvollständig: Die Sitzung oder ihr Token fehlt.',
    'configuration.unknown-protocol': ({ protocol }: { protocol: string }) =>
      `Unbekanntes Protokoll „${protocol}“.`,
    'configuration.client-id': 'Das Protokoll idv-sdk benötigt die Client-ID (client-id).',
    'configuration.idv-sdk-path': ({ operation }: { operation: string }) =>
      `Der idv-sdk-Pfad für „${operation}“ muss eine bekannte Operation benennen und relativ zu api-base sein (protocolOptions.paths).`,
    'configuration.idv-sdk-document-type': ({ documentType }: { documentType: string }) =>
      `Der idv-sdk-Dokumenttyp für „${documentType}“ gehört nicht zu den Typen, die gesendet werden können (protocolOptions.idvDocumentTypes).`,
    'configuration.idv-sdk-position':
      'Das Protokoll idv-sdk sendet mit jedem Foto den Standort der Person: Schalten Sie geolocation ein oder setzen Sie location.',
    'idv-sdk.position-unavailable':
      'Für diese Verifizierung wird Ihr Standort benötigt. Erlauben Sie dieser Seite den Zugriff auf Ihren Standort und versuchen Sie es dann erneut.',
    'configuration.expeditor-country':
      'Das Protokoll link-kyc benötigt das ausstellende Land (protocolOptions.expeditorCountry).',
    'configuration.document-type-code': ({ documentType }: { documentType: string }) =>
      `Das Protokoll validation-v2 benötigt den API-Code für ${documentType} (protocolOptions.documentTypeCodes).`,
    'not-an-image': 'Diese Datei ist kein Foto, das wir lesen können.',
    'too-small': 'Dieses Foto ist zu klein, um die Details zu lesen.',
    'too-large': 'Diese Datei ist zu groß.',
    damaged: 'Diese Fotodatei ist beschädigt und kann nicht geöffnet werden.',
    'unsupported-format': ({ format }: { format: string }) =>
      `Dieser Browser kann keine ${format}-Fotos öffnen.`,
    'encode-failed': 'Das Foto konnte nicht verarbeitet werden.',
    'encode-failed.no-picture': 'Es gibt noch kein Bild zum Verarbeiten.',
    'encode-failed.no-jpeg': 'Dieser Browser kann keine JPEG-Bilder erstellen.',
    'unsupported-image': ({ detail }: { detail: string }) =>
      `Das Foto kann nicht gesendet werden: ${detail}`,
    'missing-document-type': ({ step }: { step: string }) =>
      `Ein Bild für ${step} braucht einen Dokumenttyp.`,
    'configuration.image-names': ({ detail }: { detail: string }) =>
      `Die session-v1-Bildnamen (protocolOptions.imageNames) können nicht verwendet werden: ${detail}`,
    'session-v1.unknown-missing-images': ({ names }: { names: readonly string[] }) =>
      names.length
        ? `Der Verifizierungsdienst verlangt Fotos, die diese Seite nicht kennt (${list.format(names)}).`
        : 'Der Verifizierungsdienst ist nicht fertig, sagt aber nicht, welches Foto er braucht.',
    'link-kyc.verification-error':
      'Der Verifizierungsdienst hatte ein Problem mit diesen Fotos. Bitte versuchen Sie es erneut.',
    'link-kyc.nothing-to-send':
      'Es gibt kein Dokumentfoto zum Senden: link-kyc braucht mindestens die Vorderseite.',
    'validation-v2.already-completed': 'Diese Verifizierung ist bereits abgeschlossen.',
    'validation-v2.attempts-exhausted': 'Für diese Verifizierung sind keine Versuche mehr übrig.',
    'validation-v2.platform-error':
      'Beim Verifizierungsdienst ist ein Problem aufgetreten. Bitte versuchen Sie es erneut.',
    'validation-v2.request-closed': 'Diese Verifizierung wurde geschlossen.',
    'validation-v2.document-type-not-supported': 'Diese Art der Verifizierung ist nicht verfügbar.',
    'validation-v2.profile-not-found':
      'Für Sie wurde kein bestätigtes Gesicht gefunden, daher kann diese Verifizierung nicht fortgesetzt werden.',
    'validation-v2.invalid-endeavor': 'Dieser Verifizierungslink ist ungültig.',
    'validation-v2.verification-error':
      'Beim Verifizierungsdienst ist ein Problem aufgetreten. Bitte versuchen Sie es erneut.',
    'validation-v2.incomplete-request':
      'Diese Verifizierung ist nicht mit allem eingerichtet, was sie braucht.',
    'validation-v2.document-expired':
      'Ihr Dokument ist abgelaufen und kann daher nicht akzeptiert werden. Bitte beginnen Sie mit einem gültigen Dokument von vorn, oder wenden Sie sich an den Dienst, der Sie um diese Verifizierung gebeten hat.',
    'validation-v2.invalid-data':
      'Die Verifizierung konnte die übermittelten Angaben nicht verwenden, und ein neues Foto ändert daran nichts. Bitte wenden Sie sich an den Dienst, der Sie um diese Verifizierung gebeten hat.',
  },
  errorSteps: {
    'camera.permission-denied':
      'Erlauben Sie den Kamerazugriff in den Website-Einstellungen Ihres Browsers und versuchen Sie es erneut, oder laden Sie stattdessen ein Foto hoch.',
    'camera.not-found':
      'Schließen Sie eine Kamera an und versuchen Sie es erneut, oder laden Sie stattdessen ein Foto hoch.',
    'camera.in-use':
      'Schließen Sie andere Apps oder Tabs, die die Kamera verwenden, und versuchen Sie es erneut, oder laden Sie stattdessen ein Foto hoch.',
    'camera.overconstrained':
      'Laden Sie stattdessen ein Foto hoch, oder verwenden Sie ein anderes Gerät.',
    'camera.insecure-context': 'Laden Sie stattdessen ein Foto hoch.',
    'camera.aborted': 'Versuchen Sie es erneut, oder laden Sie stattdessen ein Foto hoch.',
    'camera.unsupported':
      'Laden Sie stattdessen ein Foto hoch, oder öffnen Sie diese Seite in einem aktuellen Browser.',
    'camera.track-ended':
      'Prüfen Sie, ob Ihre Kamera angeschlossen ist und keine andere App sie verwendet, und versuchen Sie es erneut, oder laden Sie stattdessen ein Foto hoch.',
    'camera.no-video': 'Versuchen Sie es erneut, oder laden Sie stattdessen ein Foto hoch.',
    'camera.unknown': 'Versuchen Sie es erneut, oder laden Sie stattdessen ein Foto hoch.',
    'not-an-image':
      'Wählen Sie ein JPEG- oder PNG-Foto, oder nehmen Sie das Foto mit der Kamera auf.',
    damaged: 'Wählen Sie ein anderes Foto, oder nehmen Sie das Foto mit der Kamera auf.',
    'unsupported-format':
      'Wählen Sie ein JPEG- oder PNG-Foto, oder nehmen Sie das Foto mit der Kamera auf.',
    'too-small':
      'Wählen Sie ein schärferes, größeres Foto, oder nehmen Sie das Foto mit der Kamera auf.',
    'too-large': ({ mb }: { mb: number }) =>
      `Wählen Sie ein Foto unter ${number.format(mb)}\u00a0MB, oder nehmen Sie das Foto mit der Kamera auf.`,
    'encode-failed': 'Versuchen Sie es erneut, oder wählen Sie ein anderes Foto.',
  },
  tryAgain: 'Erneut versuchen',
  cancel: 'Abbrechen',
  cancelled: 'Verifizierung abgebrochen.',
  stepOf: (n: number, total: number) => `Schritt ${n} von ${total}`,
  // „keine Versuche mehr“ reads better than „0 Versuche“.
  attemptsLeft: (n: number) => {
    if (n === 0) return 'Sie haben keine Versuche mehr.';
    return plural.select(n) === 'one'
      ? `Sie haben noch ${n} Versuch.`
      : `Sie haben noch ${n} Versuche.`;
  },
  resume: {
    notice:
      'Die Seite wurde neu geladen. Ihr Fortschritt ist gespeichert: Sie können dort weitermachen, wo Sie aufgehört haben.',
    startOver: 'Von vorn beginnen',
  },
  nonVisual: {
    photoTaken: 'Foto aufgenommen',
  },
};
