// The Italian catalog. It addresses the person as tu, as Italian consumer apps do (the public
// services app IO and the large banks' apps among them): in short on-screen instructions, Lei reads
// stiff ("Si avvicini alla fotocamera"). Sentences avoid adjectives and participles that would have
// to agree with the person's gender ("non muoverti", not "stai fermo"; "il viso era troppo vicino").
import type { Messages } from './en.js';

const plural = new Intl.PluralRules('it');
const list = new Intl.ListFormat('it', { type: 'conjunction' });

const stepTitles = {
  document_front: 'Fronte del tuo documento',
  document_back: 'Retro del tuo documento',
  selfie: 'Selfie',
  liveness: 'Verifica dal vivo',
} satisfies Messages['stepTitles'];

/** The photos a step leaves, as they are named inside a sentence. */
const photoNames: Readonly<Record<string, string>> = {
  document_front: 'il fronte del documento',
  document_back: 'il retro del documento',
  selfie: 'il selfie',
};

/** A step's title; a code this catalog does not know is shown as it is. */
function stepTitle(step: string): string {
  return Object.hasOwn(stepTitles, step) ? stepTitles[step as keyof typeof stepTitles] : step;
}

/** "Non è stato possibile verificare il tuo selfie. Scattalo di nuovo.", naming what to retake. */
function retakePhotos(steps: readonly string[]): string {
  if (steps.length === 1) {
    return steps[0] === 'selfie'
      ? 'Non è stato possibile verificare il tuo selfie. Scattalo di nuovo.'
      : 'Non è stato possibile verificare la foto del tuo documento. Scattala di nuovo.';
  }
  const names = steps.map((step) => photoNames[step]);
  if (steps.length === 0 || names.some((name) => name === undefined)) {
    return 'Non è stato possibile verificare queste foto. Scattale di nuovo.';
  }
  return `Non è stato possibile verificare queste foto: ${list.format(names as string[])}. Scattale di nuovo.`;
}

/** Every person-facing string of the elements, in Italian (tu). */
export const it: Messages = {
  introTitle: 'Verifica la tua identità',
  introBody:
    'Scatteremo una foto del tuo documento d’identità e un selfie. Tieni il documento a portata di mano e mettiti in un luogo ben illuminato.',
  consentLabel:
    'Acconsento all’invio delle immagini del mio documento e del mio volto per la verifica dell’identità.',
  documentTypeLegend: 'Quale documento vuoi usare?',
  documentTypes: {
    passport: 'Passaporto',
    identity_card: 'Carta d’identità',
    drivers_license: 'Patente di guida',
  },
  start: 'Inizia',
  stepTitles,
  stepHints: {
    document_front: 'Inquadra il fronte del documento nella cornice, poi scatta la foto.',
    document_back: 'Gira il documento e inquadra il retro nella cornice.',
    selfie: 'Guarda la fotocamera e tieni il viso dentro l’ovale.',
    liveness: 'Tieni il viso dentro l’ovale e segui le istruzioni.',
  },
  takePhoto: 'Scatta la foto',
  quality: {
    no_document: 'Inquadra il documento nella cornice',
    corners: 'Mostra tutti e quattro gli angoli del documento',
    too_far: 'Avvicinati al documento',
    wrong_shape: 'Tieni il documento piatto, rivolto verso la fotocamera',
    dark: 'Serve più luce',
    bright: 'Troppa luce: allontanati dalla luce diretta',
    low_contrast: 'Appoggia il documento su una superficie uniforme e più scura',
    glare: 'Riduci i riflessi: inclina il documento lontano dalla luce',
    blur: 'Non muoverti: l’immagine è sfocata',
  },
  selfie: {
    no_face: 'Metti il viso dentro l’ovale',
    multiple_faces:
      'Un solo viso, per favore: assicurati che non ci sia nessun altro nell’inquadratura',
    face_too_small: 'Avvicinati alla fotocamera',
    face_too_large: 'Allontanati un po’',
    face_off_center: 'Centra il viso nell’ovale',
    face_angle: 'Guarda dritto nella fotocamera, senza inclinare la testa',
    blur: 'Non muoverti: l’immagine è sfocata',
    dark: 'Serve più luce sul viso',
  },
  liveness: {
    tilt_left: 'Inclina la testa verso la tua spalla sinistra',
    tilt_right: 'Inclina la testa verso la tua spalla destra',
    turn_left: 'Gira la testa alla tua sinistra',
    turn_right: 'Gira la testa alla tua destra',
    closer: 'Avvicina il viso alla fotocamera',
    back: 'Allontana il viso dalla fotocamera',
    look_straight: 'Guarda dritto nella fotocamera',
    holdStill: 'Guarda la fotocamera e non muoverti',
    hold: 'Resta così…',
    done: 'Fatto',
    timed_out: 'Il tempo per questo movimento è scaduto. Riprova quando vuoi.',
    movementOf: (index: number, count: number) => `Movimento ${index} di ${count}`,
  },
  loadingFaceCheck: 'Preparazione del controllo del viso…',
  holdStill: 'Non muoverti…',
  manualHint: 'Problemi? Scatta tu la foto con il pulsante qui sotto.',
  switchCamera: 'Cambia fotocamera',
  torchOn: 'Accendi la torcia',
  torchOff: 'Spegni la torcia',
  uploadInstead: 'Carica una foto',
  startingCamera: 'Avvio della fotocamera…',
  inAppCamera: {
    'permission-denied':
      'Questa app non ha consentito l’accesso alla fotocamera. Puoi invece caricare una foto.',
    unsupported: 'Questa app non può aprire la fotocamera qui. Puoi invece caricare una foto.',
    'insecure-context':
      'Questa app non può aprire la fotocamera qui. Puoi invece caricare una foto.',
    'no-video': 'Questa app non mostra l’immagine della fotocamera. Puoi invece caricare una foto.',
  },
  cameraPaused: 'La fotocamera è in pausa mentre questa pagina è nascosta.',
  reviewTitle: 'Controlla la foto',
  reviewBody:
    'Assicurati che tutto il testo sia leggibile, che non ci siano riflessi e che non manchi nessuna parte.',
  portraitMissing:
    'Non riusciamo a vedere la foto del tuo viso sul documento. Assicurati che non sia coperta o nascosta da riflessi, oppure scatta di nuovo la foto.',
  reviewImageAlt: 'La foto che hai appena scattato',
  usePhoto: 'Usa questa foto',
  retake: 'Scatta di nuovo',
  uploading: 'Invio sicuro della foto in corso…',
  feedbackTitle: 'Scatta di nuovo questa foto',
  feedback: {
    ok: 'La foto è stata accettata.',
    blurry: 'La foto è sfocata: non muoverti e lascia che la fotocamera metta a fuoco.',
    glare: 'Riflessi sul documento: inclinalo lontano dalla luce.',
    too_dark: 'La foto è troppo scura: spostati in un luogo più luminoso.',
    too_bright: 'La foto è troppo chiara: allontanati dalla luce diretta.',
    document_not_found: 'Nessun documento trovato: inquadra l’intero documento nella cornice.',
    corners_not_visible:
      'Alcuni angoli sono tagliati: tieni tutti e quattro gli angoli dentro la cornice.',
    wrong_side: 'Questo è l’altro lato del documento: giralo.',
    face_not_found: 'Nessun viso trovato: guarda dritto nella fotocamera, con il viso scoperto.',
    multiple_faces: 'Si vede più di un viso: assicurati che nell’inquadratura ci sia solo tu.',
    image_too_small: 'La foto è troppo piccola: avvicina la fotocamera.',
    'link-kyc.not_processed':
      'Non è stato possibile leggere il tuo documento. Scatta di nuovo le foto: il documento intero nella cornice, nitido e senza riflessi.',
    'link-kyc.sides_mismatch':
      'Le foto del fronte e del retro sono di documenti diversi. Scatta di nuovo il retro dello stesso documento.',
    'link-kyc.sides_mismatch_both':
      'Le foto del fronte e del retro sono ancora di documenti diversi. Scatta di nuovo entrambi i lati di un unico documento.',
    'link-kyc.document.GLARE': 'C’erano riflessi sul documento: inclinalo lontano dalla luce.',
    'link-kyc.document.INCOMPLETE_DOCUMENT': 'Manca un lato del documento: fotografa tutti i lati.',
    'link-kyc.document.NOT_VISIBLE_FOUR_CORNERS':
      'Tutti e quattro gli angoli del documento devono essere visibili, senza niente che li copra.',
    'link-kyc.document.NOT_VISIBLE_SECURITY_FEATURES':
      'Alcune parti del documento erano coperte: tieni dita e oggetti lontani dal documento.',
    'link-kyc.document.OUT_OF_FOCUS':
      'La foto del documento era sfocata: non muoverti e lascia che la fotocamera metta a fuoco.',
    'link-kyc.document.POOR_CONTRAST':
      'Il documento era difficile da leggere: appoggialo su una superficie uniforme e più scura.',
    'link-kyc.document.POOR_EXPOSURE':
      'La foto del documento era troppo scura o troppo chiara: cerca una luce uniforme.',
    'link-kyc.document.UNCLASSIFIED_DOCUMENT':
      'Questo documento non è supportato: usa un altro documento d’identità.',
    'link-kyc.document.UNREADABLE_FIELD':
      'Non è stato possibile leggere parte del testo: tieni l’intero documento nitido e scoperto.',
    'link-kyc.document.UNSUPPORTED_LANGUAGE':
      'I documenti in questa lingua non sono supportati: usa un altro documento.',
    'link-kyc.face.MISSING_SELFIE': 'Manca il selfie: scattane uno.',
    'link-kyc.face.MISSING_PORTRAIT':
      'La foto sul tuo documento non era visibile: fotografa il lato con la tua foto.',
    'link-kyc.face.NOT_HUMAN_FACE':
      'Nessun viso trovato sul documento: fotografa il lato con la tua foto.',
    'link-kyc.face.PARTIALLY_VISIBLE_HUMAN_FACE':
      'Il tuo viso era visibile solo in parte: tieni tutto il viso dentro l’ovale.',
    'link-kyc.face.PORTRAIT_IS_FAKE':
      'Non è stato possibile accettare la foto sul tuo documento: fotografa il documento originale, non una copia o uno schermo.',
    'link-kyc.face.SELFIE_NOT_LIVE': 'Scatta un selfie dal vivo, non la foto di una foto.',
    'link-kyc.face.OUT_OF_FOCUS':
      'Il selfie era sfocato: non muoverti e lascia che la fotocamera metta a fuoco.',
    'link-kyc.face.POOR_CONTRAST':
      'Il tuo viso si distingueva poco: mettiti davanti a uno sfondo uniforme.',
    'link-kyc.face.POOR_EXPOSURE':
      'Il selfie era troppo scuro o troppo chiaro: mettiti di fronte a una luce uniforme.',
    'link-kyc.face.GLARE': 'C’erano riflessi sul selfie: allontanati dalla luce diretta.',
    'link-kyc.face.FACE_TOO_CLOSE_SELFIE_IMAGE': 'Il viso era troppo vicino: allontanati un po’.',
    'link-kyc.face.FACE_TOO_FAR_SELFIE_IMAGE':
      'Il viso era troppo lontano: avvicinati alla fotocamera.',
    'link-kyc.face.FACE_ANGLE_TOO_LARGE_SELFIE_IMAGE':
      'Guarda dritto nella fotocamera, senza inclinare la testa.',
    'link-kyc.face.QUALITY_TOO_LOW_SELFIE_IMAGE':
      'Il selfie non era abbastanza nitido: cerca una buona luce e non muoverti.',
    'link-kyc.face.TOO_MANY_FACES_SELFIE_IMAGE':
      'Si vedeva più di un viso: assicurati che nell’inquadratura ci sia solo tu.',
    'validation-v2.verification_failed': ({ steps }: { steps: readonly string[] }) =>
      retakePhotos(steps),
    'validation-v2.face-image-empty': 'Il selfie era vuoto: scattalo di nuovo.',
    'validation-v2.no-face':
      'Nessun viso trovato: guarda dritto nella fotocamera, con il viso scoperto.',
    'validation-v2.multiple-faces':
      'Si vede più di un viso: assicurati che nell’inquadratura ci sia solo tu.',
    'validation-v2.face-not-usable':
      'Non è stato possibile trovare il tuo viso nel selfie: scattalo di nuovo, senza altre persone nell’inquadratura.',
    'validation-v2.face-image-required': 'Manca il selfie: scattalo di nuovo.',
  },
  feedbackUnknown: 'Non è stato possibile usare la foto: scattala di nuovo.',
  done: 'Tutto fatto',
  doneBody: 'Grazie. Abbiamo ricevuto le tue foto.',
  errorTitle: 'Qualcosa è andato storto',
  errors: {
    unknown: 'Si è verificato un problema imprevisto. Riprova.',
    'camera.permission-denied': 'L’accesso alla fotocamera è stato bloccato.',
    'camera.not-found': 'Nessuna fotocamera trovata su questo dispositivo.',
    'camera.in-use': 'La fotocamera è già usata da un’altra app.',
    'camera.overconstrained': 'La fotocamera non può scattare foto nel formato richiesto.',
    'camera.insecure-context':
      'La fotocamera non è disponibile su questa pagina perché la connessione non è sicura.',
    'camera.aborted': 'Non è stato possibile avviare la fotocamera.',
    'camera.unsupported': 'Questo browser non può usare la fotocamera.',
    'camera.track-ended': 'La fotocamera si è interrotta.',
    'camera.not-live': 'La fotocamera non è ancora pronta.',
    'camera.no-video': 'La fotocamera si è avviata, ma non mostra alcuna immagine.',
    'camera.unknown': 'Si è verificato un problema con la fotocamera.',
    'http-error': ({ status, serverCode }: { status: number; serverCode: string }) =>
      `Il server ha risposto con il codice ${status}${serverCode ? ` (${serverCode})` : ''}.`,
    'network-error': 'La connessione al server non è riuscita. Controlla la connessione e riprova.',
    'network-error.module-load':
      'Non è stato possibile caricare il modulo di verifica. Controlla la connessione.',
    timeout: 'Il server ha impiegato troppo tempo a rispondere. Riprova.',
    'timeout.token-renewal':
      'Il rinnovo di questa verifica ha richiesto troppo tempo. La tua foto è stata conservata: riprova.',
    'network-error.offline':
      'Sei offline. La tua foto è stata conservata e verrà inviata appena tornerai online.',
    'upload-too-large':
      'Questa foto è troppo grande per il servizio di verifica, anche ridotta. Scattala di nuovo.',
    'configuration.api-base': ({ apiBase }: { apiBase: string }) =>
      `L’indirizzo del server (api-base) deve iniziare con https: oppure trovarsi su questo dispositivo (localhost); «${apiBase}» non è né l’uno né l’altro.`,
    'token-expired': 'Questo link di verifica è scaduto. Ricomincia da capo.',
    // The checks word `detail` in English only; it is shown as they give it.
    'bad-response': ({ detail }: { detail: string }) => detail,
    aborted: 'La richiesta è stata annullata.',
    configuration: ({ detail }: { detail: string }) => detail,
    'configuration.incomplete-link':
      'Questo link di verifica è incompleto: manca la sessione o il relativo token.',
    'configuration.unknown-protocol': ({ protocol }: { protocol: string }) =>
      `Protocollo sconosciuto: «${protocol}».`,
    'configuration.client-id': 'Il protocollo idv-sdk richiede l’ID client (client-id).',
    'configuration.idv-sdk-path': ({ operation }: { operation: string }) =>
      `Il percorso idv-sdk per «${operation}» deve essere un’operazione nota e un percorso relativo ad api-base (protocolOptions.paths).`,
    'configuration.idv-sdk-document-type': ({ documentType }: { documentType: string }) =>
      `Il tipo di documento idv-sdk configurato per «${documentType}» non è un valore che si possa inviare (protocolOptions.idvDocumentTypes).`,
    'configuration.idv-sdk-position':
      'Il protocollo idv-sdk invia la posizione della persona con ogni foto: attiva la geolocalizzazione o imposta location.',
    'idv-sdk.position-unavailable':
      'Questa verifica ha bisogno della tua posizione. Consenti l’accesso alla posizione per questa pagina, poi riprova.',
    'configuration.expeditor-country':
      'Il protocollo link-kyc richiede il paese di rilascio (protocolOptions.expeditorCountry).',
    'configuration.document-type-code': ({ documentType }: { documentType: string }) =>
      `Il protocollo validation-v2 richiede il codice API per ${documentType} (protocolOptions.documentTypeCodes).`,
    'not-an-image': 'Questo file non è una foto che riusciamo a leggere.',
    'too-small': 'Questa foto è troppo piccola per leggerne i dettagli.',
    'too-large': 'Questo file è troppo grande.',
    damaged: 'Questo file è danneggiato e non si può aprire.',
    'unsupported-format': ({ format }: { format: string }) =>
      `Questo browser non può aprire foto in formato ${format}.`,
    'encode-failed': 'Non è stato possibile elaborare la foto.',
    'encode-failed.no-picture': 'Non c’è ancora un’immagine da elaborare.',
    'encode-failed.no-jpeg': 'Questo browser non può creare immagini JPEG.',
    'unsupported-image': ({ detail }: { detail: string }) =>
      `Impossibile inviare la foto: ${detail}`,
    'missing-document-type': ({ step }: { step: string }) =>
      `L’immagine «${stepTitle(step)}» richiede un tipo di documento.`,
    'configuration.image-names': ({ detail }: { detail: string }) =>
      `I nomi delle immagini di session-v1 (protocolOptions.imageNames) non si possono usare: ${detail}`,
    'session-v1.unknown-missing-images': ({ names }: { names: readonly string[] }) =>
      names.length
        ? `Il servizio di verifica chiede foto che questa pagina non conosce (${list.format(names)}).`
        : 'Il servizio di verifica non ha finito, ma non indica quale foto gli serve.',
    'link-kyc.verification-error':
      'Il servizio di verifica ha avuto un problema con queste foto. Riprova.',
    'link-kyc.nothing-to-send':
      'Non c’è nessuna foto del documento da inviare: link-kyc richiede almeno il fronte.',
    'validation-v2.already-completed': 'Questa verifica è già stata completata.',
    'validation-v2.attempts-exhausted': 'Non ci sono più tentativi per questa verifica.',
    'validation-v2.platform-error': 'Il servizio di verifica ha avuto un problema. Riprova.',
    'validation-v2.request-closed': 'Questa verifica è stata chiusa.',
    'validation-v2.document-type-not-supported': 'Questo tipo di verifica non è disponibile.',
    'validation-v2.profile-not-found':
      'Non abbiamo trovato un tuo viso già verificato, quindi questo controllo non può proseguire.',
    'validation-v2.invalid-endeavor': 'Questo link di verifica non è valido.',
    'validation-v2.verification-error': 'Il servizio di verifica ha avuto un problema. Riprova.',
    'validation-v2.incomplete-request':
      'Questa verifica non è configurata con tutto ciò che le serve.',
    'validation-v2.document-expired':
      'Il tuo documento è scaduto, quindi non può essere accettato. Ricomincia con un documento valido oppure contatta il servizio che ti ha chiesto la verifica.',
    'validation-v2.invalid-data':
      'La verifica non ha potuto usare le informazioni ricevute e una nuova foto non cambierebbe le cose. Contatta il servizio che ti ha chiesto la verifica.',
  },
  errorSteps: {
    'camera.permission-denied':
      'Consenti l’accesso alla fotocamera nelle impostazioni del sito del browser, poi riprova, oppure carica una foto.',
    'camera.not-found': 'Collega una fotocamera e riprova, oppure carica una foto.',
    'camera.in-use':
      'Chiudi le altre app o schede che usano la fotocamera, poi riprova, oppure carica una foto.',
    'camera.overconstrained': 'Carica una foto oppure usa un altro dispositivo.',
    'camera.insecure-context': 'Carica una foto.',
    'camera.aborted': 'Riprova oppure carica una foto.',
    'camera.unsupported': 'Carica una foto oppure apri questa pagina in un browser aggiornato.',
    'camera.track-ended':
      'Controlla che la fotocamera sia collegata e non usata da un’altra app, poi riprova, oppure carica una foto.',
    'camera.no-video': 'Riprova oppure carica una foto.',
    'camera.unknown': 'Riprova oppure carica una foto.',
    'not-an-image': 'Scegli una foto JPEG o PNG, oppure scatta la foto con la fotocamera.',
    damaged: 'Scegli un’altra foto, oppure scatta la foto con la fotocamera.',
    'unsupported-format': 'Scegli una foto JPEG o PNG, oppure scatta la foto con la fotocamera.',
    'too-small':
      'Scegli una foto più nitida e più grande, oppure scatta la foto con la fotocamera.',
    'too-large': ({ mb }: { mb: number }) =>
      `Scegli una foto più piccola di ${mb} MB, oppure scatta la foto con la fotocamera.`,
    'encode-failed': 'Riprova oppure scegli un’altra foto.',
  },
  tryAgain: 'Riprova',
  cancel: 'Annulla',
  cancelled: 'Verifica annullata.',
  stepOf: (n: number, total: number) => `Passaggio ${n} di ${total}`,
  attemptsLeft: (n: number) => {
    if (n === 0) return 'Non hai più tentativi.';
    return plural.select(n) === 'one' ? `Hai ancora ${n} tentativo.` : `Hai ancora ${n} tentativi.`;
  },
  resume: {
    notice:
      'La pagina è stata ricaricata. Abbiamo salvato i tuoi progressi, così puoi riprendere da dove avevi interrotto.',
    startOver: 'Ricomincia da capo',
  },
  nonVisual: {
    photoTaken: 'Foto scattata',
  },
};
