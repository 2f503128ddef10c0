// The Polish catalog, addressing the person as `ty` in the imperative ("Umieść dokument w ramce"),
// the register of Polish mobile and banking apps: short, direct, and free of the gendered Pan/Pani.
// Past-tense forms that would agree with the person's gender (byłeś/byłaś, skończyłeś/skończyłaś)
// are avoided by making the photo or the face the subject; "ty" and "twój" are lowercase, as in
// app text (the capital is a letter's courtesy). Quotes are „…”. Technical names
// (api-base, protocolOptions.*, protocol names, geolocation/location) stay as the integrator types them.
import type { Messages } from './en.js';

const plural = new Intl.PluralRules('pl');
const list = new Intl.ListFormat('pl', { type: 'conjunction' });
const number = new Intl.NumberFormat('pl');

/** "próbę" / "próby" / "prób": the accusative (after "masz") agrees with the count. */
const ATTEMPTS: Readonly<Record<Intl.LDMLPluralRule, string>> = {
  zero: 'prób',
  one: 'próbę',
  two: 'próby',
  few: 'próby',
  many: 'prób',
  // Fractions ("1,5 próby"); a count of attempts is whole, but the rules name the form.
  other: 'próby',
};

/** "Nie udało się zweryfikować twojego selfie. …", naming what is to be retaken. */
function notVerified(steps: readonly string[]): string {
  if (steps.length !== 1) return 'Nie udało się zweryfikować tych zdjęć. Zrób je ponownie.';
  return steps[0] === 'selfie'
    ? 'Nie udało się zweryfikować twojego selfie. Zrób je ponownie.'
    : 'Nie udało się zweryfikować zdjęcia dokumentu. Zrób je ponownie.';
}

/** Every person-facing string of the elements, in Polish. */
export const pl: Messages = {
  introTitle: 'Potwierdź swoją tożsamość',
  introBody:
    'Zrobimy zdjęcie twojego dokumentu tożsamości i selfie. Przygotuj dokument i znajdź dobrze oświetlone miejsce.',
  consentLabel:
    'Zgadzam się na przesłanie zdjęć mojego dokumentu i mojej twarzy w celu weryfikacji tożsamości.',
  documentTypeLegend: 'Jakiego dokumentu użyjesz?',
  documentTypes: {
    passport: 'Paszport',
    identity_card: 'Dowód osobisty',
    drivers_license: 'Prawo jazdy',
  },
  start: 'Rozpocznij',
  stepTitles: {
    document_front: 'Przednia strona dokumentu',
    document_back: 'Tylna strona dokumentu',
    selfie: 'Selfie',
    liveness: 'Weryfikacja żywotności',
  },
  stepHints: {
    document_front: 'Umieść przednią stronę dokumentu w ramce i zrób zdjęcie.',
    document_back: 'Odwróć dokument i umieść tylną stronę w ramce.',
    selfie: 'Patrz w kamerę i trzymaj twarz w owalu.',
    liveness: 'Trzymaj twarz w owalu i postępuj zgodnie z instrukcjami.',
  },
  takePhoto: 'Zrób zdjęcie',
  quality: {
    no_document: 'Umieść dokument w ramce',
    corners: 'Pokaż wszystkie cztery rogi dokumentu',
    too_far: 'Zbliż się do dokumentu',
    wrong_shape: 'Trzymaj dokument płasko, przodem do kamery',
    dark: 'Potrzeba więcej światła',
    bright: 'Za jasno: odsuń się od bezpośredniego światła',
    low_contrast: 'Połóż dokument na jednolitej, ciemniejszej powierzchni',
    glare: 'Ogranicz odblaski: odchyl dokument od światła',
    blur: 'Nie ruszaj się: obraz jest nieostry',
  },
  selfie: {
    no_face: 'Umieść twarz w owalu',
    multiple_faces: 'Tylko jedna twarz: upewnij się, że nikogo innego nie ma w kadrze',
    face_too_small: 'Zbliż się do kamery',
    face_too_large: 'Odsuń się trochę',
    face_off_center: 'Ustaw twarz na środku owalu',
    face_angle: 'Patrz prosto w kamerę, z głową wyprostowaną',
    blur: 'Nie ruszaj się: obraz jest nieostry',
    dark: 'Potrzeba więcej światła na twarzy',
  },
  liveness: {
    tilt_left: 'Przechyl głowę w stronę lewego ramienia',
    tilt_right: 'Przechyl głowę w stronę prawego ramienia',
    turn_left: 'Obróć głowę w lewo',
    turn_right: 'Obróć głowę w prawo',
    closer: 'Przybliż twarz do kamery',
    back: 'Odsuń twarz od kamery',
    look_straight: 'Patrz prosto w kamerę',
    holdStill: 'Patrz w kamerę i nie ruszaj się',
    hold: 'Zostań w tej pozycji…',
    done: 'Gotowe',
    timed_out: 'Czas na ten ruch minął. Spróbuj ponownie, kiedy zechcesz.',
    movementOf: (index: number, count: number) => `Ruch ${index} z ${count}`,
  },
  loadingFaceCheck: 'Przygotowujemy sprawdzanie twarzy…',
  holdStill: 'Nie ruszaj się…',
  manualHint: 'Masz problem? Zrób zdjęcie samodzielnie przyciskiem poniżej.',
  switchCamera: 'Przełącz kamerę',
  torchOn: 'Włącz latarkę',
  torchOff: 'Wyłącz latarkę',
  uploadInstead: 'Zamiast tego prześlij zdjęcie',
  startingCamera: 'Uruchamianie kamery…',
  inAppCamera: {
    'permission-denied':
      'Ta aplikacja nie zezwoliła na dostęp do kamery. Możesz zamiast tego przesłać zdjęcie.',
    unsupported:
      'Ta aplikacja nie może tutaj otworzyć kamery. Możesz zamiast tego przesłać zdjęcie.',
    'insecure-context':
      'Ta aplikacja nie może tutaj otworzyć kamery. Możesz zamiast tego przesłać zdjęcie.',
    'no-video': 'Ta aplikacja nie pokazuje obrazu z kamery. Możesz zamiast tego przesłać zdjęcie.',
  },
  cameraPaused: 'Kamera jest wstrzymana, dopóki ta strona jest ukryta.',
  reviewTitle: 'Sprawdź zdjęcie',
  reviewBody: 'Upewnij się, że cały tekst jest czytelny, nie ma odblasków i nic nie jest ucięte.',
  portraitMissing:
    'Nie widzimy zdjęcia twojej twarzy na dokumencie. Upewnij się, że nie jest zasłonięte ani ukryte pod odblaskiem, albo zrób zdjęcie ponownie.',
  reviewImageAlt: 'Zdjęcie zrobione przed chwilą',
  usePhoto: 'Użyj tego zdjęcia',
  retake: 'Zrób ponownie',
  uploading: 'Bezpiecznie wysyłamy zdjęcie…',
  feedbackTitle: 'Zrób to zdjęcie jeszcze raz',
  feedback: {
    ok: 'Zdjęcie zostało przyjęte.',
    blurry: 'Zdjęcie jest nieostre: nie ruszaj się i poczekaj, aż kamera ustawi ostrość.',
    glare: 'Odblask na dokumencie: odchyl go od światła.',
    too_dark: 'Zdjęcie jest za ciemne: przejdź w jaśniejsze miejsce.',
    too_bright: 'Zdjęcie jest za jasne: odsuń się od bezpośredniego światła.',
    document_not_found: 'Nie znaleziono dokumentu: umieść cały dokument w ramce.',
    corners_not_visible: 'Niektóre rogi są ucięte: trzymaj wszystkie cztery rogi w ramce.',
    wrong_side: 'To druga strona dokumentu: odwróć go.',
    face_not_found: 'Nie znaleziono twarzy: patrz prosto w kamerę, z odsłoniętą twarzą.',
    multiple_faces: 'Widać więcej niż jedną twarz: upewnij się, że w kadrze jesteś tylko ty.',
    image_too_small: 'Zdjęcie jest za małe: przybliż kamerę.',
    'link-kyc.not_processed':
      'Nie udało się odczytać dokumentu. Zrób zdjęcia ponownie: cały dokument w ramce, ostro i bez odblasków.',
    'link-kyc.sides_mismatch':
      'Zdjęcia przodu i tyłu przedstawiają różne dokumenty. Zrób ponownie zdjęcie tyłu tego samego dokumentu.',
    'link-kyc.sides_mismatch_both':
      'Zdjęcia przodu i tyłu nadal przedstawiają różne dokumenty. Zrób ponownie zdjęcia obu stron jednego dokumentu.',
    'link-kyc.document.GLARE': 'Na dokumencie był odblask: odchyl go od światła.',
    'link-kyc.document.INCOMPLETE_DOCUMENT':
      'Brakuje jednej strony dokumentu: sfotografuj każdą stronę.',
    'link-kyc.document.NOT_VISIBLE_FOUR_CORNERS':
      'Wszystkie cztery rogi dokumentu muszą być widoczne i niczym niezasłonięte.',
    'link-kyc.document.NOT_VISIBLE_SECURITY_FEATURES':
      'Część dokumentu była zasłonięta: nie trzymaj na nim palców ani przedmiotów.',
    'link-kyc.document.OUT_OF_FOCUS':
      'Zdjęcie dokumentu było nieostre: nie ruszaj się i poczekaj, aż kamera ustawi ostrość.',
    'link-kyc.document.POOR_CONTRAST':
      'Dokument był słabo czytelny: połóż go na jednolitej, ciemniejszej powierzchni.',
    'link-kyc.document.POOR_EXPOSURE':
      'Zdjęcie dokumentu było za ciemne lub za jasne: zadbaj o równomierne światło.',
    'link-kyc.document.UNCLASSIFIED_DOCUMENT':
      'Ten dokument nie jest obsługiwany: użyj innego dokumentu tożsamości.',
    'link-kyc.document.UNREADABLE_FIELD':
      'Części tekstu nie udało się odczytać: cały dokument musi być ostry i niezasłonięty.',
    'link-kyc.document.UNSUPPORTED_LANGUAGE':
      'Dokumenty w tym języku nie są obsługiwane: użyj innego dokumentu.',
    'link-kyc.face.MISSING_SELFIE': 'Brakuje selfie: zrób je, proszę.',
    'link-kyc.face.MISSING_PORTRAIT':
      'Zdjęcie na dokumencie było niewidoczne: sfotografuj stronę z twoim zdjęciem.',
    'link-kyc.face.NOT_HUMAN_FACE':
      'Na dokumencie nie znaleziono twarzy: sfotografuj stronę z twoim zdjęciem.',
    'link-kyc.face.PARTIALLY_VISIBLE_HUMAN_FACE':
      'Twarz była widoczna tylko częściowo: trzymaj całą twarz w owalu.',
    'link-kyc.face.PORTRAIT_IS_FAKE':
      'Nie można zaakceptować zdjęcia na dokumencie: sfotografuj sam oryginał dokumentu, a nie kopię ani ekran.',
    'link-kyc.face.SELFIE_NOT_LIVE': 'Zrób selfie na żywo, a nie zdjęcie zdjęcia.',
    'link-kyc.face.OUT_OF_FOCUS':
      'Selfie było nieostre: nie ruszaj się i poczekaj, aż kamera ustawi ostrość.',
    'link-kyc.face.POOR_CONTRAST': 'Twarz była słabo widoczna: stań przed jednolitym tłem.',
    'link-kyc.face.POOR_EXPOSURE':
      'Selfie było za ciemne lub za jasne: ustaw się przodem do równomiernego światła.',
    'link-kyc.face.GLARE': 'Na selfie był odblask: odsuń się od bezpośredniego światła.',
    'link-kyc.face.FACE_TOO_CLOSE_SELFIE_IMAGE': 'Twarz była za blisko: odsuń się trochę.',
    'link-kyc.face.FACE_TOO_FAR_SELFIE_IMAGE': 'Twarz była za daleko: zbliż się do kamery.',
    'link-kyc.face.FACE_ANGLE_TOO_LARGE_SELFIE_IMAGE':
      'Patrz prosto w kamerę, z głową wyprostowaną.',
    'link-kyc.face.QUALITY_TOO_LOW_SELFIE_IMAGE':
      'Selfie było za mało wyraźne: znajdź dobre światło i nie ruszaj się.',
    'link-kyc.face.TOO_MANY_FACES_SELFIE_IMAGE':
      'Widać było więcej niż jedną twarz: upewnij się, że w kadrze jesteś tylko ty.',
    'validation-v2.verification_failed': ({ steps }: { steps: readonly string[] }) =>
      notVerified(steps),
    'validation-v2.face-image-empty': 'Selfie było puste: zrób je ponownie.',
    'validation-v2.no-face': 'Nie znaleziono twarzy: patrz prosto w kamerę, z odsłoniętą twarzą.',
    'validation-v2.multiple-faces':
      'Widać więcej niż jedną twarz: upewnij się, że w kadrze jesteś tylko ty.',
    'validation-v2.face-not-usable':
      'Nie znaleziono twojej twarzy na selfie: zrób je ponownie, tak aby w kadrze nie było nikogo innego.',
    'validation-v2.face-image-required': 'Brakuje selfie: zrób je ponownie.',
  },
  feedbackUnknown: 'Nie można użyć tego zdjęcia: zrób je ponownie.',
  done: 'Gotowe',
  doneBody: 'Dziękujemy. Otrzymaliśmy twoje zdjęcia.',
  errorTitle: 'Coś poszło nie tak',
  errors: {
    unknown: 'Wystąpił nieoczekiwany problem. Spróbuj ponownie.',
    'camera.permission-denied': 'Dostęp do kamery został zablokowany.',
    'camera.not-found': 'Na tym urządzeniu nie znaleziono kamery.',
    'camera.in-use': 'Kamera jest używana przez inną aplikację.',
    'camera.overconstrained': 'Kamera nie może robić zdjęć w wymaganym formacie.',
    'camera.insecure-context':
      'Kamera jest niedostępna na tej stronie, ponieważ połączenie nie jest bezpieczne.',
    'camera.aborted': 'Nie udało się uruchomić kamery.',
    'camera.unsupported': 'Ta przeglądarka nie może korzystać z kamery.',
    'camera.track-ended': 'Kamera się wyłączyła.',
    'camera.not-live': 'Kamera nie jest jeszcze gotowa.',
    'camera.no-video': 'Kamera się uruchomiła, ale nie pokazuje obrazu.',
    'camera.unknown': 'Wystąpił problem z kamerą.',
    'http-error': ({ status, serverCode }: { status: number; serverCode: string }) =>
      `Serwer odpowiedział kodem ${status}${serverCode ? ` (${serverCode})` : ''}.`,
    'network-error':
      'Nie udało się połączyć z serwerem. Sprawdź połączenie z internetem i spróbuj ponownie.',
    'network-error.module-load':
      'Nie udało się wczytać modułu weryfikacji. Sprawdź połączenie z internetem.',
    timeout: 'Serwer zbyt długo nie odpowiadał. Spróbuj ponownie.',
    'timeout.token-renewal':
      'Odnawianie tej weryfikacji trwało zbyt długo. Zdjęcie zostało zachowane: spróbuj ponownie.',
    'network-error.offline':
      'Nie masz połączenia z internetem. Zdjęcie zostało zachowane i zostanie wysłane, gdy tylko połączenie wróci.',
    'upload-too-large':
      'To zdjęcie jest za duże dla usługi weryfikacji, nawet po zmniejszeniu. Zrób je ponownie.',
    'configuration.api-base': ({ apiBase }: { apiBase: string }) =>
      `Adres serwera (api-base) musi zaczynać się od https: albo wskazywać na to urządzenie (localhost); „${apiBase}” nie spełnia żadnego z tych warunków.`,
    'token-expired': 'Ten link weryfikacyjny wygasł. Zacznij od nowa.',
    'bad-response': ({ detail }: { detail: string }) => detail,
    aborted: 'Żądanie zostało anulowane.',
    configuration: ({ detail }: { detail: string }) => detail,
    'configuration.incomplete-link':
      'Ten link weryfikacyjny jest niekompletny: brakuje sesji lub jej tokenu.',
    'configuration.unknown-protocol': ({ protocol }: { protocol: string }) =>
      `Nieznany protokół „${protocol}”.`,
    'configuration.client-id': 'Protokół idv-sdk wymaga identyfikatora klienta (client-id).',
    'configuration.idv-sdk-path': ({ operation }: { operation: string }) =>
      `Ścieżka idv-sdk dla „${operation}” musi wskazywać znaną operację i być względna wobec api-base (protocolOptions.paths).`,
    'configuration.idv-sdk-document-type': ({ documentType }: { documentType: string }) =>
      `Typ dokumentu idv-sdk podany dla „${documentType}” nie należy do typów, które można wysłać (protocolOptions.idvDocumentTypes).`,
    'configuration.idv-sdk-position':
      'Protokół idv-sdk wysyła z każdym zdjęciem położenie osoby: włącz geolocation albo ustaw location.',
    'idv-sdk.position-unavailable':
      'Ta weryfikacja wymaga twojej lokalizacji. Zezwól tej stronie na dostęp do lokalizacji i spróbuj ponownie.',
    'configuration.expeditor-country':
      'Protokół link-kyc wymaga kraju wydania dokumentu (protocolOptions.expeditorCountry).',
    'configuration.document-type-code': ({ documentType }: { documentType: string }) =>
      `Protokół validation-v2 wymaga kodu API dla ${documentType} (protocolOptions.documentTypeCodes).`,
    'not-an-image': 'Ten plik nie jest zdjęciem, które możemy odczytać.',
    'too-small': 'To zdjęcie jest za małe, by dało się odczytać szczegóły.',
    'too-large': 'Ten plik jest za duży.',
    damaged: 'Ten plik ze zdjęciem jest uszkodzony i nie da się go otworzyć.',
    'unsupported-format': ({ format }: { format: string }) =>
      `Ta przeglądarka nie otwiera zdjęć w formacie ${format}.`,
    'encode-failed': 'Nie udało się przetworzyć zdjęcia.',
    'encode-failed.no-picture': 'Nie ma jeszcze obrazu do przetworzenia.',
    'encode-failed.no-jpeg': 'Ta przeglądarka nie potrafi tworzyć obrazów JPEG.',
    'unsupported-image': ({ detail }: { detail: string }) => `Nie można wysłać zdjęcia: ${detail}`,
    'missing-document-type': ({ step }: { step: string }) =>
      `Obraz ${step} wymaga podania typu dokumentu.`,
    'configuration.image-names': ({ detail }: { detail: string }) =>
      `Nie można użyć nazw obrazów session-v1 (protocolOptions.imageNames): ${detail}`,
    'session-v1.unknown-missing-images': ({ names }: { names: readonly string[] }) =>
      names.length
        ? `Usługa weryfikacji prosi o zdjęcia, których ta strona nie zna (${list.format(names)}).`
        : 'Usługa weryfikacji nie zakończyła pracy, ale nie podaje, jakiego zdjęcia potrzebuje.',
    'link-kyc.verification-error':
      'Usługa weryfikacji miała problem z tymi zdjęciami. Spróbuj ponownie.',
    'link-kyc.nothing-to-send':
      'Brak zdjęcia dokumentu do wysłania: link-kyc wymaga co najmniej przedniej strony.',
    'validation-v2.already-completed': 'Ta weryfikacja została już zakończona.',
    'validation-v2.attempts-exhausted': 'W tej weryfikacji nie zostało już żadnych prób.',
    'validation-v2.platform-error': 'Usługa weryfikacji napotkała problem. Spróbuj ponownie.',
    'validation-v2.request-closed': 'Ta weryfikacja została zamknięta.',
    'validation-v2.document-type-not-supported': 'Ten rodzaj weryfikacji jest niedostępny.',
    'validation-v2.profile-not-found':
      'Nie znaleziono zweryfikowanej twarzy przypisanej do ciebie, więc ta weryfikacja nie może być kontynuowana.',
    'validation-v2.invalid-endeavor': 'Ten link weryfikacyjny jest nieprawidłowy.',
    'validation-v2.verification-error': 'Usługa weryfikacji napotkała problem. Spróbuj ponownie.',
    'validation-v2.incomplete-request':
      'Ta weryfikacja nie została skonfigurowana ze wszystkim, czego potrzebuje.',
    'validation-v2.document-expired':
      'Twój dokument stracił ważność, więc nie może zostać przyjęty. Zacznij od nowa z ważnym dokumentem albo skontaktuj się z usługą, która poprosiła cię o weryfikację.',
    'validation-v2.invalid-data':
      'Weryfikacja nie mogła wykorzystać przesłanych informacji i nowe zdjęcie tego nie zmieni. Skontaktuj się z usługą, która poprosiła cię o weryfikację.',
  },
  errorSteps: {
    'camera.permission-denied':
      'Zezwól na dostęp do kamery w ustawieniach witryny w przeglądarce i spróbuj ponownie albo zamiast tego prześlij zdjęcie.',
    'camera.not-found': 'Podłącz kamerę i spróbuj ponownie albo zamiast tego prześlij zdjęcie.',
    'camera.in-use':
      'Zamknij inne aplikacje lub karty, które korzystają z kamery, i spróbuj ponownie albo zamiast tego prześlij zdjęcie.',
    'camera.overconstrained': 'Zamiast tego prześlij zdjęcie albo użyj innego urządzenia.',
    'camera.insecure-context': 'Zamiast tego prześlij zdjęcie.',
    'camera.aborted': 'Spróbuj ponownie albo zamiast tego prześlij zdjęcie.',
    'camera.unsupported':
      'Zamiast tego prześlij zdjęcie albo otwórz tę stronę w aktualnej przeglądarce.',
    'camera.track-ended':
      'Sprawdź, czy kamera jest podłączona i nie korzysta z niej inna aplikacja, a potem spróbuj ponownie albo zamiast tego prześlij zdjęcie.',
    'camera.no-video': 'Spróbuj ponownie albo zamiast tego prześlij zdjęcie.',
    'camera.unknown': 'Spróbuj ponownie albo zamiast tego prześlij zdjęcie.',
    'not-an-image': 'Wybierz zdjęcie w formacie JPEG lub PNG albo zrób zdjęcie kamerą.',
    damaged: 'Wybierz inne zdjęcie albo zrób zdjęcie kamerą.',
    'unsupported-format': 'Wybierz zdjęcie w formacie JPEG lub PNG albo zrób zdjęcie kamerą.',
    'too-small': 'Wybierz ostrzejsze, większe zdjęcie albo zrób zdjęcie kamerą.',
    'too-large': ({ mb }: { mb: number }) =>
      `Wybierz zdjęcie mniejsze niż ${number.format(mb)}\u00a0MB albo zrób zdjęcie kamerą.`,
    'encode-failed': 'Spróbuj ponownie albo wybierz inne zdjęcie.',
  },
  tryAgain: 'Spróbuj ponownie',
  cancel: 'Anuluj',
  cancelled: 'Weryfikacja anulowana.',
  stepOf: (n: number, total: number) => `Krok ${n} z ${total}`,
  // "Nie masz już żadnych prób" reads better than "Masz jeszcze 0 prób".
  attemptsLeft: (n: number) =>
    n === 0 ? 'Nie masz już żadnych prób.' : `Masz jeszcze ${n} ${ATTEMPTS[plural.select(n)]}.`,
  resume: {
    notice:
      'Strona została odświeżona. Zachowaliśmy twoje postępy, więc możesz kontynuować od tego samego miejsca.',
    startOver: 'Zacznij od nowa',
  },
  nonVisual: {
    photoTaken: 'Zdjęcie zrobione',
  },
};
