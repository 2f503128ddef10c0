// The French catalog: `vous` throughout, as a bank or a public service addresses a person, and
// wording that avoids agreeing with the person’s gender (« sans personne d’autre à l’image »,
// not « seul·e »). French typography: a no-break space (U+00A0) before « : » and inside « »,
// a narrow no-break space (U+202F) before ; ? !, the typographic apostrophe ’ (as
// characters in strings, as \u escapes in templates, where ESLint asks for them). Technical names
// (api-base, protocolOptions.*, protocol names) stay as the integrator types them.
import type { Messages } from './en.js';

const plural = new Intl.PluralRules('fr');
const list = new Intl.ListFormat('fr', { type: 'conjunction' });
const number = new Intl.NumberFormat('fr');

/** « Votre selfie n’a pas pu être vérifié. Veuillez le reprendre. », naming what is to be retaken. */
function notVerified(steps: readonly string[]): string {
  if (steps.length !== 1) return 'Ces photos n’ont pas pu être vérifiées. Veuillez les reprendre.';
  return steps[0] === 'selfie'
    ? 'Votre selfie n’a pas pu être vérifié. Veuillez le reprendre.'
    : 'La photo de votre document n’a pas pu être vérifiée. Veuillez la reprendre.';
}

/** Every person-facing string of the elements, in French. */
export const fr: Messages = {
  introTitle: 'Vérifiez votre identité',
  introBody:
    'Nous allons photographier votre pièce d’identité, puis prendre un selfie. Gardez votre document à portée de main et installez-vous dans un endroit bien éclairé.',
  consentLabel:
    'J’accepte que les images de mon document et de mon visage soient envoyées pour vérifier mon identité.',
  documentTypeLegend: 'Quel document allez-vous utiliser ?',
  documentTypes: {
    passport: 'Passeport',
    identity_card: 'Carte d’identité',
    drivers_license: 'Permis de conduire',
  },
  start: 'Commencer',
  stepTitles: {
    document_front: 'Recto de votre document',
    document_back: 'Verso de votre document',
    selfie: 'Selfie',
    liveness: 'Détection du vivant',
  },
  stepHints: {
    document_front: 'Placez le recto de votre document dans le cadre, puis prenez la photo.',
    document_back: 'Retournez votre document et placez le verso dans le cadre.',
    selfie: 'Regardez la caméra et gardez votre visage dans l’ovale.',
    liveness: 'Gardez votre visage dans l’ovale et suivez les instructions.',
  },
  takePhoto: 'Prendre la photo',
  quality: {
    no_document: 'Placez votre document dans le cadre',
    corners: 'Montrez les quatre coins du document',
    too_far: 'Rapprochez-vous du document',
    wrong_shape: 'Tenez le document à plat, face à la caméra',
    dark: 'Plus de lumière, s’il vous plaît',
    bright: 'Trop lumineux : éloignez-vous de la lumière directe',
    low_contrast: 'Posez le document sur une surface unie et plus foncée',
    glare: 'Évitez les reflets : inclinez le document à l’écart de la lumière',
    blur: 'Ne bougez plus : l’image est floue',
  },
  selfie: {
    no_face: 'Placez votre visage dans l’ovale',
    multiple_faces: 'Un seul visage, s’il vous plaît : personne d’autre ne doit être à l’image',
    face_too_small: 'Rapprochez-vous de la caméra',
    face_too_large: 'Reculez un peu',
    face_off_center: 'Centrez votre visage dans l’ovale',
    face_angle: 'Regardez la caméra bien en face, la tête droite',
    blur: 'Ne bougez plus : l’image est floue',
    dark: 'Plus de lumière sur votre visage, s’il vous plaît',
  },
  liveness: {
    tilt_left: 'Penchez la tête vers votre épaule gauche',
    tilt_right: 'Penchez la tête vers votre épaule droite',
    turn_left: 'Tournez la tête vers votre gauche',
    turn_right: 'Tournez la tête vers votre droite',
    closer: 'Rapprochez votre visage de la caméra',
    back: 'Éloignez votre visage de la caméra',
    look_straight: 'Regardez la caméra bien en face',
    holdStill: 'Regardez la caméra et ne bougez plus',
    hold: 'Restez ainsi…',
    done: 'C’est bon',
    timed_out: 'Le temps est écoulé pour ce mouvement. Réessayez quand vous le souhaitez.',
    movementOf: (index: number, count: number) => `Mouvement ${index} sur ${count}`,
  },
  loadingFaceCheck: 'Préparation de la vérification du visage…',
  holdStill: 'Ne bougez plus…',
  manualHint: 'Un problème ? Prenez la photo vous-même avec le bouton ci-dessous.',
  switchCamera: 'Changer de caméra',
  torchOn: 'Allumer la lampe',
  torchOff: 'Éteindre la lampe',
  uploadInstead: 'Importer une photo à la place',
  startingCamera: 'Démarrage de la caméra…',
  inAppCamera: {
    'permission-denied':
      'Cette application n’a pas autorisé l’accès à la caméra. Vous pouvez importer une photo à la place.',
    unsupported:
      'Cette application ne peut pas ouvrir la caméra ici. Vous pouvez importer une photo à la place.',
    'insecure-context':
      'Cette application ne peut pas ouvrir la caméra ici. Vous pouvez importer une photo à la place.',
    'no-video':
      'Cette application n’affiche pas l’image de la caméra. Vous pouvez importer une photo à la place.',
  },
  cameraPaused: 'La caméra est en pause tant que cette page est masquée.',
  reviewTitle: 'Vérifiez votre photo',
  reviewBody: 'Assurez-vous que tout le texte est lisible, sans reflet, et que rien n’est coupé.',
  portraitMissing:
    'Nous n’avons pas pu voir la photo de votre visage sur le document. Vérifiez qu’elle n’est ni couverte ni cachée par un reflet, ou reprenez la photo.',
  reviewImageAlt: 'La photo que vous venez de prendre',
  usePhoto: 'Utiliser cette photo',
  retake: 'Reprendre',
  uploading: 'Envoi sécurisé de votre photo…',
  feedbackTitle: 'Veuillez reprendre cette photo',
  feedback: {
    ok: 'La photo a été acceptée.',
    blurry: 'La photo est floue : ne bougez plus et laissez la caméra faire la mise au point.',
    glare: 'Reflets sur le document : inclinez-le à l’écart de la lumière.',
    too_dark: 'La photo est trop sombre : installez-vous dans un endroit plus éclairé.',
    too_bright: 'La photo est trop claire : éloignez-vous de la lumière directe.',
    document_not_found: 'Aucun document détecté : placez le document entier dans le cadre.',
    corners_not_visible: 'Des coins sont coupés : gardez les quatre coins dans le cadre.',
    wrong_side: 'C’est l’autre face du document : retournez-le.',
    face_not_found: 'Aucun visage détecté : regardez la caméra bien en face, le visage dégagé.',
    multiple_faces:
      'Plusieurs visages sont visibles : assurez-vous que personne d’autre n’est à l’image.',
    image_too_small: 'La photo est trop petite : rapprochez la caméra.',
    'link-kyc.not_processed':
      'Votre document n’a pas pu être lu. Reprenez les photos : le document entier dans le cadre, net et sans reflet.',
    'link-kyc.sides_mismatch':
      'Le recto et le verso ne viennent pas du même document. Reprenez le verso du même document.',
    'link-kyc.sides_mismatch_both':
      'Le recto et le verso ne viennent toujours pas du même document. Reprenez les deux faces d’un seul et même document.',
    'link-kyc.document.GLARE':
      'Le document présentait un reflet : inclinez-le à l’écart de la lumière.',
    'link-kyc.document.INCOMPLETE_DOCUMENT':
      'Il manque une face du document : photographiez chaque face.',
    'link-kyc.document.NOT_VISIBLE_FOUR_CORNERS':
      'Les quatre coins du document doivent être visibles, sans rien qui les recouvre.',
    'link-kyc.document.NOT_VISIBLE_SECURITY_FEATURES':
      'Certaines parties du document étaient cachées : ne laissez ni doigt ni objet dessus.',
    'link-kyc.document.OUT_OF_FOCUS':
      'La photo du document était floue : ne bougez plus et laissez la caméra faire la mise au point.',
    'link-kyc.document.POOR_CONTRAST':
      'Le document était difficile à lire : posez-le sur une surface unie et plus foncée.',
    'link-kyc.document.POOR_EXPOSURE':
      'La photo du document était trop sombre ou trop claire : cherchez une lumière homogène.',
    'link-kyc.document.UNCLASSIFIED_DOCUMENT':
      'Ce document n’est pas pris en charge : veuillez utiliser une autre pièce d’identité.',
    'link-kyc.document.UNREADABLE_FIELD':
      'Une partie du texte n’a pas pu être lue : gardez tout le document net et dégagé.',
    'link-kyc.document.UNSUPPORTED_LANGUAGE':
      'Les documents dans cette langue ne sont pas pris en charge : veuillez utiliser un autre document.',
    'link-kyc.face.MISSING_SELFIE': 'Le selfie manque : veuillez en prendre un.',
    'link-kyc.face.MISSING_PORTRAIT':
      'La photo de votre document n’était pas visible : photographiez la face qui porte votre portrait.',
    'link-kyc.face.NOT_HUMAN_FACE':
      'Aucun visage n’a été trouvé sur le document : photographiez la face qui porte votre portrait.',
    'link-kyc.face.PARTIALLY_VISIBLE_HUMAN_FACE':
      'Votre visage n’était que partiellement visible : gardez tout votre visage dans l’ovale.',
    'link-kyc.face.PORTRAIT_IS_FAKE':
      'Le portrait de votre document n’a pas pu être accepté : photographiez le document original lui-même, pas une copie ni un écran.',
    'link-kyc.face.SELFIE_NOT_LIVE':
      'Veuillez prendre un selfie en direct, pas la photo d’une photo.',
    'link-kyc.face.OUT_OF_FOCUS':
      'Votre selfie était flou : ne bougez plus et laissez la caméra faire la mise au point.',
    'link-kyc.face.POOR_CONTRAST':
      'Votre visage se distinguait mal : placez-vous devant un fond uni.',
    'link-kyc.face.POOR_EXPOSURE':
      'Votre selfie était trop sombre ou trop clair : placez-vous face à une lumière homogène.',
    'link-kyc.face.GLARE':
      'Votre selfie présentait un reflet : éloignez-vous de la lumière directe.',
    'link-kyc.face.FACE_TOO_CLOSE_SELFIE_IMAGE': 'Vous étiez trop près : reculez un peu.',
    'link-kyc.face.FACE_TOO_FAR_SELFIE_IMAGE':
      'Vous étiez trop loin : rapprochez-vous de la caméra.',
    'link-kyc.face.FACE_ANGLE_TOO_LARGE_SELFIE_IMAGE':
      'Regardez la caméra bien en face, la tête droite.',
    'link-kyc.face.QUALITY_TOO_LOW_SELFIE_IMAGE':
      'Le selfie n’était pas assez net : trouvez une bonne lumière et ne bougez plus.',
    'link-kyc.face.TOO_MANY_FACES_SELFIE_IMAGE':
      'Plusieurs visages étaient visibles : assurez-vous que personne d’autre n’est à l’image.',
    'validation-v2.verification_failed': ({ steps }: { steps: readonly string[] }) =>
      notVerified(steps),
    'validation-v2.face-image-empty': 'Le selfie était vide : veuillez le reprendre.',
    'validation-v2.no-face':
      'Aucun visage détecté : regardez la caméra bien en face, le visage dégagé.',
    'validation-v2.multiple-faces':
      'Plusieurs visages sont visibles : assurez-vous que personne d’autre n’est à l’image.',
    'validation-v2.face-not-usable':
      'Votre visage n’a pas été trouvé sur le selfie : veuillez le reprendre, sans personne d’autre à l’image.',
    'validation-v2.face-image-required': 'Le selfie manque : veuillez le reprendre.',
  },
  feedbackUnknown: 'La photo n’a pas pu être utilisée : veuillez la reprendre.',
  done: 'C’est terminé',
  doneBody: 'Merci. Vos photos ont bien été reçues.',
  errorTitle: 'Une erreur est survenue',
  errors: {
    unknown: 'Un problème inattendu est survenu. Veuillez réessayer.',
    'camera.permission-denied': 'L’accès à la caméra a été bloqué.',
    'camera.not-found': 'Aucune caméra n’a été trouvée sur cet appareil.',
    'camera.in-use': 'Votre caméra est utilisée par une autre application.',
    'camera.overconstrained': 'Votre caméra ne peut pas prendre de photos au format requis.',
    'camera.insecure-context':
      'La caméra n’est pas disponible sur cette page, car la connexion n’est pas sécurisée.',
    'camera.aborted': 'La caméra n’a pas pu démarrer.',
    'camera.unsupported': 'Ce navigateur ne peut pas utiliser la caméra.',
    'camera.track-ended': 'La caméra s’est arrêtée.',
    'camera.not-live': 'La caméra n’est pas encore prête.',
    'camera.no-video': 'La caméra a démarré, mais n’affiche aucune image.',
    'camera.unknown': 'Un problème est survenu avec la caméra.',
    'http-error': ({ status, serverCode }: { status: number; serverCode: string }) =>
      `Le serveur a répondu par une erreur ${status}${serverCode ? ` (${serverCode})` : ''}.`,
    'network-error': 'La connexion au serveur a échoué. Vérifiez votre connexion et réessayez.',
    'network-error.module-load':
      'Le module de vérification n’a pas pu être chargé. Vérifiez votre connexion.',
    timeout: 'Le serveur a mis trop de temps à répondre. Veuillez réessayer.',
    'timeout.token-renewal':
      'Le renouvellement de cette vérification a pris trop de temps. Votre photo est conservée : veuillez réessayer.',
    'network-error.offline':
      'Vous êtes hors ligne. Votre photo est conservée et sera envoyée dès que vous serez de nouveau en ligne.',
    'upload-too-large':
      'Cette photo est trop lourde pour le service de vérification, même réduite. Veuillez la reprendre.',
    'configuration.api-base': ({ apiBase }: { apiBase: string }) =>
      `L’adresse du serveur (api-base) doit commencer par «\u00a0https:\u00a0» ou se trouver sur cet appareil (localhost)\u202f; «\u00a0${apiBase}\u00a0» ne remplit aucune de ces conditions.`,
    'token-expired': 'Ce lien de vérification a expiré. Veuillez recommencer.',
    'bad-response': ({ detail }: { detail: string }) => detail,
    aborted: 'La requête a été annulée.',
    configuration: ({ detail }: { detail: string }) => detail,
    'configuration.incomplete-link':
      'Ce lien de vérification est incomplet : la session ou son jeton manque.',
    'configuration.unknown-protocol': ({ protocol }: { protocol: string }) =>
      `Protocole inconnu\u00a0: «\u00a0${protocol}\u00a0».`,
    'configuration.client-id': 'Le protocole idv-sdk a besoin de l’identifiant client (client-id).',
    'configuration.idv-sdk-path': ({ operation }: { operation: string }) =>
      `Le chemin idv-sdk de «\u00a0${operation}\u00a0» doit désigner une opération connue et être relatif à api-base (protocolOptions.paths).`,
    'configuration.idv-sdk-document-type': ({ documentType }: { documentType: string }) =>
      `Le type de document idv-sdk indiqué pour «\u00a0${documentType}\u00a0» ne fait pas partie de ceux qui peuvent être envoyés (protocolOptions.idvDocumentTypes).`,
    'configuration.idv-sdk-position':
      'Le protocole idv-sdk envoie la position de la personne avec chaque photo : activez l’option geolocation ou renseignez l’option location.',
    'idv-sdk.position-unavailable':
      'Cette vérification a besoin de votre position. Autorisez l’accès à la localisation pour cette page, puis réessayez.',
    'configuration.expeditor-country':
      'Le protocole link-kyc a besoin du pays de délivrance (protocolOptions.expeditorCountry).',
    'configuration.document-type-code': ({ documentType }: { documentType: string }) =>
      `Le protocole validation-v2 a besoin du code de l’API pour ${documentType} (protocolOptions.documentTypeCodes).`,
    'not-an-image': 'Ce fichier n’est pas une photo que nous pouvons lire.',
    'too-small': 'Cette photo est trop petite pour que les détails soient lisibles.',
    'too-large': 'Ce fichier est trop volumineux.',
    damaged: 'Ce fichier photo est endommagé et ne peut pas être ouvert.',
    'unsupported-format': ({ format }: { format: string }) =>
      `Ce navigateur ne peut pas ouvrir les photos ${format}.`,
    'encode-failed': 'La photo n’a pas pu être traitée.',
    'encode-failed.no-picture': 'Il n’y a pas encore d’image à traiter.',
    'encode-failed.no-jpeg': 'Ce navigateur ne peut pas créer d’images JPEG.',
    'unsupported-image': ({ detail }: { detail: string }) =>
      `La photo ne peut pas être envoyée\u00a0: ${detail}`,
    'missing-document-type': ({ step }: { step: string }) =>
      `Une image ${step} nécessite un type de document.`,
    'configuration.image-names': ({ detail }: { detail: string }) =>
      `Les noms d’images session-v1 (protocolOptions.imageNames) ne sont pas utilisables\u00a0: ${detail}`,
    'session-v1.unknown-missing-images': ({ names }: { names: readonly string[] }) =>
      names.length
        ? `Le service de vérification demande des photos que cette page ne connaît pas (${list.format(names)}).`
        : 'Le service de vérification n’a pas terminé, mais n’indique pas quelle photo il lui faut.',
    'link-kyc.verification-error':
      'Le service de vérification a rencontré un problème avec ces photos. Veuillez réessayer.',
    'link-kyc.nothing-to-send':
      'Aucune photo de document à envoyer : link-kyc a besoin au moins du recto.',
    'validation-v2.already-completed': 'Cette vérification est déjà terminée.',
    'validation-v2.attempts-exhausted':
      'Il ne reste plus aucune tentative pour cette vérification.',
    'validation-v2.platform-error':
      'Le service de vérification a rencontré un problème. Veuillez réessayer.',
    'validation-v2.request-closed': 'Cette vérification a été clôturée.',
    'validation-v2.document-type-not-supported': 'Ce type de vérification n’est pas disponible.',
    'validation-v2.profile-not-found':
      'Aucun visage vérifié n’a été trouvé à votre nom : cette vérification ne peut pas continuer.',
    'validation-v2.invalid-endeavor': 'Ce lien de vérification n’est pas valide.',
    'validation-v2.verification-error':
      'Le service de vérification a rencontré un problème. Veuillez réessayer.',
    'validation-v2.incomplete-request':
      'Il manque à cette vérification des éléments nécessaires à sa configuration.',
    'validation-v2.document-expired':
      'Votre document a expiré et ne peut donc pas être accepté. Veuillez recommencer avec un document valide, ou contactez le service qui vous a demandé cette vérification.',
    'validation-v2.invalid-data':
      'La vérification n’a pas pu utiliser les informations reçues, et une nouvelle photo n’y changera rien. Veuillez contacter le service qui vous a demandé cette vérification.',
  },
  errorSteps: {
    'camera.permission-denied':
      'Autorisez l’accès à la caméra dans les paramètres du site de votre navigateur, puis réessayez, ou importez une photo à la place.',
    'camera.not-found': 'Branchez une caméra et réessayez, ou importez une photo à la place.',
    'camera.in-use':
      'Fermez les autres applications ou onglets qui utilisent la caméra, puis réessayez, ou importez une photo à la place.',
    'camera.overconstrained': 'Importez une photo à la place, ou utilisez un autre appareil.',
    'camera.insecure-context': 'Importez une photo à la place.',
    'camera.aborted': 'Réessayez, ou importez une photo à la place.',
    'camera.unsupported':
      'Importez une photo à la place, ou ouvrez cette page dans un navigateur à jour.',
    'camera.track-ended':
      'Vérifiez que votre caméra est branchée et qu’aucune autre application ne l’utilise, puis réessayez, ou importez une photo à la place.',
    'camera.no-video': 'Réessayez, ou importez une photo à la place.',
    'camera.unknown': 'Réessayez, ou importez une photo à la place.',
    'not-an-image': 'Choisissez une photo JPEG ou PNG, ou prenez la photo avec la caméra.',
    damaged: 'Choisissez une autre photo, ou prenez la photo avec la caméra.',
    'unsupported-format': 'Choisissez une photo JPEG ou PNG, ou prenez la photo avec la caméra.',
    'too-small':
      'Choisissez une photo plus nette et plus grande, ou prenez la photo avec la caméra.',
    'too-large': ({ mb }: { mb: number }) =>
      `Choisissez une photo de moins de ${number.format(mb)}\u00a0Mo, ou prenez la photo avec la caméra.`,
    'encode-failed': 'Réessayez, ou choisissez une autre photo.',
  },
  tryAgain: 'Réessayer',
  cancel: 'Annuler',
  cancelled: 'Vérification annulée.',
  stepOf: (n: number, total: number) => `Étape ${n} sur ${total}`,
  // French counts 0 and 1 in the singular; « aucune » reads better than « 0 tentative ».
  attemptsLeft: (n: number) => {
    if (n === 0) return 'Il ne vous reste plus aucune tentative.';
    return plural.select(n) === 'one'
      ? `Il vous reste ${n} tentative.`
      : `Il vous reste ${n} tentatives.`;
  },
  resume: {
    notice:
      'La page a été rechargée. Votre progression a été conservée : vous pouvez reprendre là où vous en étiez.',
    startOver: 'Recommencer',
  },
  nonVisual: {
    photoTaken: 'Photo prise',
  },
};
