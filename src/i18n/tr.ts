// The Turkish catalog: every entry of `en.ts`, written for a person verifying their identity, in
// the polite "siz" form. Turkish nouns stay singular after a number ("3 deneme hakkı"), so no
// sentence here depends on a plural category; only an empty count is worded apart. Numbers stay in
// Western digits, as Turkish writes them. Technical names (protocolOptions.*, api-base, protocol
// names) are the integrator's and stay as they are.
import type { Messages } from './en.js';

const list = new Intl.ListFormat('tr', { type: 'conjunction' });

/** "Selfie'niz doğrulanamadı. Lütfen yeniden çekin.", naming what is to be retaken. */
function retakePhotos(steps: readonly string[], problem: string): string {
  if (steps.length !== 1) return `Bu fotoğraflar ${problem}. Lütfen yeniden çekin.`;
  const what = steps[0] === 'selfie' ? 'Selfie’niz' : 'Belgenizin fotoğrafı';
  return `${what} ${problem}. Lütfen yeniden çekin.`;
}

/** Every person-facing string of the elements, in Turkish. */
export const tr: Messages = {
  introTitle: 'Kimliğinizi doğrulayın',
  introBody:
    'Kimlik belgenizin fotoğrafını ve bir selfie çekeceğiz. Belgenizi hazır tutun ve iyi aydınlatılmış bir yer bulun.',
  consentLabel:
    'Belge ve yüz görüntülerimin kimlik doğrulaması için gönderilmesini kabul ediyorum.',
  documentTypeLegend: 'Hangi belgeyi kullanacaksınız?',
  documentTypes: {
    passport: 'Pasaport',
    identity_card: 'Kimlik kartı',
    drivers_license: 'Sürücü belgesi',
  },
  start: 'Başla',
  stepTitles: {
    document_front: 'Belgenizin ön yüzü',
    document_back: 'Belgenizin arka yüzü',
    selfie: 'Selfie',
    liveness: 'Canlılık kontrolü',
  },
  stepHints: {
    document_front: 'Belgenizin ön yüzünü çerçevenin içine yerleştirin ve fotoğrafı çekin.',
    document_back: 'Belgenizi çevirin ve arka yüzünü çerçevenin içine yerleştirin.',
    selfie: 'Kameraya bakın ve yüzünüzü ovalin içinde tutun.',
    liveness: 'Yüzünüzü ovalin içinde tutun ve yönergeleri izleyin.',
  },
  takePhoto: 'Fotoğraf çek',
  quality: {
    no_document: 'Belgenizi çerçevenin içine yerleştirin',
    corners: 'Belgenin dört köşesini de gösterin',
    too_far: 'Belgeye yaklaşın',
    wrong_shape: 'Belgeyi düz ve kameraya dönük tutun',
    dark: 'Daha fazla ışık gerekiyor',
    bright: 'Çok parlak: doğrudan gelen ışıktan uzaklaşın',
    low_contrast: 'Belgeyi düz, daha koyu renkli bir yüzeye koyun',
    glare: 'Yansımayı azaltın: belgeyi ışıktan uzağa doğru eğin',
    blur: 'Sabit durun: görüntü bulanık',
  },
  selfie: {
    no_face: 'Yüzünüzü ovalin içine getirin',
    multiple_faces: 'Yalnızca bir yüz olmalı: görüntüde başka kimsenin olmadığından emin olun',
    face_too_small: 'Kameraya yaklaşın',
    face_too_large: 'Biraz geri çekilin',
    face_off_center: 'Yüzünüzü ovalin ortasına getirin',
    face_angle: 'Doğrudan kameraya bakın, başınız dik olsun',
    blur: 'Sabit durun: görüntü bulanık',
    dark: 'Yüzünüze daha fazla ışık gelmeli',
  },
  liveness: {
    tilt_left: 'Başınızı sol omzunuza doğru eğin',
    tilt_right: 'Başınızı sağ omzunuza doğru eğin',
    turn_left: 'Başınızı sola çevirin',
    turn_right: 'Başınızı sağa çevirin',
    closer: 'Yüzünüzü kameraya yaklaştırın',
    back: 'Yüzünüzü kameradan uzaklaştırın',
    look_straight: 'Doğrudan kameraya bakın',
    holdStill: 'Kameraya bakın ve sabit durun',
    hold: 'Böyle kalın…',
    done: 'Tamam',
    timed_out: 'Bu hareket için süre doldu. Hazır olduğunuzda yeniden deneyin.',
    movementOf: (index: number, count: number) => `Hareket ${index}/${count}`,
  },
  loadingFaceCheck: 'Yüz kontrolü hazırlanıyor…',
  holdStill: 'Sabit durun…',
  manualHint: 'Sorun mu yaşıyorsunuz? Aşağıdaki düğmeyle fotoğrafı kendiniz çekin.',
  switchCamera: 'Kamerayı değiştir',
  torchOn: 'Işığı aç',
  torchOff: 'Işığı kapat',
  uploadInstead: 'Bunun yerine fotoğraf yükle',
  startingCamera: 'Kamera başlatılıyor…',
  inAppCamera: {
    'permission-denied':
      'Bu uygulama kamera erişimine izin vermedi. Bunun yerine fotoğraf yükleyebilirsiniz.',
    unsupported: 'Bu uygulama burada kamerayı açamıyor. Bunun yerine fotoğraf yükleyebilirsiniz.',
    'insecure-context':
      'Bu uygulama burada kamerayı açamıyor. Bunun yerine fotoğraf yükleyebilirsiniz.',
    'no-video':
      'Bu uygulama kamera görüntüsünü göstermiyor. Bunun yerine fotoğraf yükleyebilirsiniz.',
  },
  cameraPaused: 'Bu sayfa gizliyken kamera duraklatılır.',
  reviewTitle: 'Fotoğrafınızı kontrol edin',
  reviewBody:
    'Tüm yazıların okunabildiğinden, yansıma olmadığından ve hiçbir kısmın kesilmediğinden emin olun.',
  portraitMissing:
    'Belgedeki yüz fotoğrafınızı göremedik. Üzerinin kapalı olmadığından ya da yansımayla gizlenmediğinden emin olun veya fotoğrafı yeniden çekin.',
  reviewImageAlt: 'Az önce çektiğiniz fotoğraf',
  usePhoto: 'Bu fotoğrafı kullan',
  retake: 'Yeniden çek',
  uploading: 'Fotoğrafınız güvenli şekilde gönderiliyor…',
  feedbackTitle: 'Lütfen bu fotoğrafı yeniden çekin',
  feedback: {
    ok: 'Fotoğraf kabul edildi.',
    blurry: 'Fotoğraf bulanık: sabit durun ve kameranın odaklanmasını bekleyin.',
    glare: 'Belgede yansıma var: belgeyi ışıktan uzağa doğru eğin.',
    too_dark: 'Fotoğraf çok karanlık: daha aydınlık bir yere geçin.',
    too_bright: 'Fotoğraf çok parlak: doğrudan gelen ışıktan uzaklaşın.',
    document_not_found: 'Belge bulunamadı: belgenin tamamını çerçevenin içine yerleştirin.',
    corners_not_visible: 'Bazı köşeler kesilmiş: dört köşeyi de çerçevenin içinde tutun.',
    wrong_side: 'Bu, belgenin diğer yüzü: belgeyi çevirin.',
    face_not_found: 'Yüz bulunamadı: yüzünüz açıkta olacak şekilde doğrudan kameraya bakın.',
    multiple_faces: 'Birden fazla yüz görünüyor: görüntüde yalnızca sizin olduğunuzdan emin olun.',
    image_too_small: 'Fotoğraf çok küçük: kamerayı yaklaştırın.',
    'link-kyc.not_processed':
      'Belgeniz okunamadı. Fotoğrafları yeniden çekin: belgenin tamamı çerçevede, net ve yansımasız olsun.',
    'link-kyc.sides_mismatch':
      'Ön ve arka yüz fotoğrafları farklı belgelere ait. Aynı belgenin arka yüzünü yeniden çekin.',
    'link-kyc.sides_mismatch_both':
      'Ön ve arka yüz fotoğrafları hâlâ farklı belgelere ait. Tek bir belgenin iki yüzünü de yeniden çekin.',
    'link-kyc.document.GLARE': 'Belgede yansıma vardı: belgeyi ışıktan uzağa doğru eğin.',
    'link-kyc.document.INCOMPLETE_DOCUMENT':
      'Belgenin bir yüzü eksik: belgenin her yüzünün fotoğrafını çekin.',
    'link-kyc.document.NOT_VISIBLE_FOUR_CORNERS':
      'Belgenin dört köşesi de görünmeli ve hiçbir şeyle örtülmemeli.',
    'link-kyc.document.NOT_VISIBLE_SECURITY_FEATURES':
      'Belgenin bazı kısımları görünmüyordu: parmaklarınızı ve başka nesneleri belgenin üzerinden çekin.',
    'link-kyc.document.OUT_OF_FOCUS':
      'Belge fotoğrafı bulanıktı: sabit durun ve kameranın odaklanmasını bekleyin.',
    'link-kyc.document.POOR_CONTRAST':
      'Belge zor okunuyordu: belgeyi düz, daha koyu renkli bir yüzeye koyun.',
    'link-kyc.document.POOR_EXPOSURE':
      'Belge fotoğrafı çok karanlık ya da çok parlaktı: eşit bir ışık bulun.',
    'link-kyc.document.UNCLASSIFIED_DOCUMENT':
      'Bu belge desteklenmiyor: lütfen başka bir kimlik belgesi kullanın.',
    'link-kyc.document.UNREADABLE_FIELD':
      'Bazı yazılar okunamadı: belgenin tamamını net ve açıkta tutun.',
    'link-kyc.document.UNSUPPORTED_LANGUAGE':
      'Bu dildeki belgeler desteklenmiyor: lütfen başka bir belge kullanın.',
    'link-kyc.face.MISSING_SELFIE': 'Selfie eksik: lütfen bir selfie çekin.',
    'link-kyc.face.MISSING_PORTRAIT':
      'Belgenizdeki fotoğraf görünmüyordu: belgenin fotoğrafınızın bulunduğu tarafını çekin.',
    'link-kyc.face.NOT_HUMAN_FACE':
      'Belgede yüz bulunamadı: belgenin fotoğrafınızın bulunduğu tarafını çekin.',
    'link-kyc.face.PARTIALLY_VISIBLE_HUMAN_FACE':
      'Yüzünüz yalnızca kısmen görünüyordu: yüzünüzün tamamını ovalin içinde tutun.',
    'link-kyc.face.PORTRAIT_IS_FAKE':
      'Belgenizdeki vesikalık fotoğraf kabul edilemedi: fotokopisini ya da ekrandaki görüntüsünü değil, belgenin aslını çekin.',
    'link-kyc.face.SELFIE_NOT_LIVE':
      'Lütfen bir fotoğrafın fotoğrafını değil, canlı bir selfie çekin.',
    'link-kyc.face.OUT_OF_FOCUS':
      'Selfie’niz bulanıktı: sabit durun ve kameranın odaklanmasını bekleyin.',
    'link-kyc.face.POOR_CONTRAST': 'Yüzünüz zor seçiliyordu: düz bir arka planın önünde durun.',
    'link-kyc.face.POOR_EXPOSURE':
      'Selfie’niz çok karanlık ya da çok parlaktı: yüzünüzü eşit bir ışığa dönün.',
    'link-kyc.face.GLARE': 'Selfie’nizde yansıma vardı: doğrudan gelen ışıktan uzaklaşın.',
    'link-kyc.face.FACE_TOO_CLOSE_SELFIE_IMAGE': 'Çok yakındınız: biraz geri çekilin.',
    'link-kyc.face.FACE_TOO_FAR_SELFIE_IMAGE': 'Çok uzaktınız: kameraya yaklaşın.',
    'link-kyc.face.FACE_ANGLE_TOO_LARGE_SELFIE_IMAGE':
      'Doğrudan kameraya bakın, başınız dik olsun.',
    'link-kyc.face.QUALITY_TOO_LOW_SELFIE_IMAGE':
      'Selfie yeterince net değildi: iyi bir ışık bulun ve sabit durun.',
    'link-kyc.face.TOO_MANY_FACES_SELFIE_IMAGE':
      'Birden fazla yüz görünüyordu: görüntüde yalnızca sizin olduğunuzdan emin olun.',
    'validation-v2.verification_failed': ({ steps }: { steps: readonly string[] }) =>
      retakePhotos(steps, 'doğrulanamadı'),
    'validation-v2.face-image-empty': 'Selfie boştu: lütfen yeniden çekin.',
    'validation-v2.no-face':
      'Yüz bulunamadı: yüzünüz açıkta olacak şekilde doğrudan kameraya bakın.',
    'validation-v2.multiple-faces':
      'Birden fazla yüz görünüyor: görüntüde yalnızca sizin olduğunuzdan emin olun.',
    'validation-v2.face-not-usable':
      'Selfie’de yüzünüz bulunamadı: lütfen görüntüde yalnızca siz olacak şekilde yeniden çekin.',
    'validation-v2.face-image-required': 'Selfie eksik: lütfen yeniden çekin.',
  },
  feedbackUnknown: 'Fotoğraf kullanılamadı: lütfen yeniden çekin.',
  done: 'Tamamlandı',
  doneBody: 'Teşekkürler. Fotoğraflarınız alındı.',
  errorTitle: 'Bir sorun oluştu',
  errors: {
    unknown: 'Beklenmedik bir sorun oluştu. Lütfen yeniden deneyin.',
    'camera.permission-denied': 'Kamera erişimi engellendi.',
    'camera.not-found': 'Bu cihazda kamera bulunamadı.',
    'camera.in-use': 'Kameranız başka bir uygulama tarafından kullanılıyor.',
    'camera.overconstrained': 'Kameranız gereken biçimde fotoğraf çekemiyor.',
    'camera.insecure-context': 'Bağlantı güvenli olmadığı için bu sayfada kamera kullanılamıyor.',
    'camera.aborted': 'Kamera başlatılamadı.',
    'camera.unsupported': 'Bu tarayıcı kamerayı kullanamıyor.',
    'camera.track-ended': 'Kamera durdu.',
    'camera.not-live': 'Kamera henüz hazır değil.',
    'camera.no-video': 'Kamera başladı ancak görüntü vermiyor.',
    'camera.unknown': 'Kamerayla ilgili bir sorun oluştu.',
    'http-error': ({ status, serverCode }: { status: number; serverCode: string }) =>
      `Sunucu ${status}${serverCode ? ` (${serverCode})` : ''} koduyla yanıt verdi.`,
    'network-error':
      'Sunucuyla bağlantı kurulamadı. İnternet bağlantınızı kontrol edip yeniden deneyin.',
    'network-error.module-load':
      'Doğrulama modülü yüklenemedi. İnternet bağlantınızı kontrol edin.',
    timeout: 'Sunucunun yanıt vermesi çok uzun sürdü. Lütfen yeniden deneyin.',
    'timeout.token-renewal':
      'Bu doğrulamanın yenilenmesi çok uzun sürdü. Fotoğrafınız saklandı: lütfen yeniden deneyin.',
    'network-error.offline':
      'İnternet bağlantınız yok. Fotoğrafınız saklandı ve yeniden bağlandığınızda hemen gönderilecek.',
    'upload-too-large':
      'Bu fotoğraf, küçültüldükten sonra bile doğrulama hizmeti için çok büyük. Lütfen yeniden çekin.',
    'configuration.api-base': ({ apiBase }: { apiBase: string }) =>
      `Sunucu adresi (api-base) https: ile başlamalı ya da bu cihazda (localhost) olmalıdır; “${apiBase}” ikisi de değil.`,
    'token-expired': 'Bu doğrulama bağlantısının süresi doldu. Lütfen yeniden başlayın.',
    // The checks word `detail` in English only; it is shown as it is.
    'bad-response': ({ detail }: { detail: string }) => detail,
    aborted: 'İstek iptal edildi.',
    // The integrator's own words, shown as they are.
    configuration: ({ detail }: { detail: string }) => detail,
    'configuration.incomplete-link':
      'Bu doğrulama bağlantısı eksik: oturum ya da oturumun belirteci (token) yok.',
    'configuration.unknown-protocol': ({ protocol }: { protocol: string }) =>
      `Bilinmeyen protokol: “${protocol}”.`,
    'configuration.client-id': 'idv-sdk protokolü istemci kimliğini (client-id) gerektirir.',
    'configuration.idv-sdk-path': ({ operation }: { operation: string }) =>
      `“${operation}” için idv-sdk yolu, bilinen bir işlem ve api-base’e göre göreli bir yol olmalıdır (protocolOptions.paths).`,
    'configuration.idv-sdk-document-type': ({ documentType }: { documentType: string }) =>
      `“${documentType}” için idv-sdk belge türü, gönderilebilecek türlerden biri değil (protocolOptions.idvDocumentTypes).`,
    'configuration.idv-sdk-position':
      'idv-sdk protokolü her fotoğrafla birlikte kişinin konumunu gönderir: geolocation seçeneğini açın ya da location değerini ayarlayın.',
    'idv-sdk.position-unavailable':
      'Bu doğrulama için konumunuz gerekiyor. Bu sayfanın konumunuza erişmesine izin verin ve yeniden deneyin.',
    'configuration.expeditor-country':
      'link-kyc protokolü, belgeyi veren ülkeyi gerektirir (protocolOptions.expeditorCountry).',
    'configuration.document-type-code': ({ documentType }: { documentType: string }) =>
      `validation-v2 protokolü, ${documentType} için API’nin kodunu gerektirir (protocolOptions.documentTypeCodes).`,
    'not-an-image': 'Bu dosya okuyabildiğimiz bir fotoğraf değil.',
    'too-small': 'Bu fotoğraf, ayrıntıların okunabilmesi için çok küçük.',
    'too-large': 'Bu dosya çok büyük.',
    damaged: 'Bu fotoğraf dosyası bozuk ve açılamıyor.',
    'unsupported-format': ({ format }: { format: string }) =>
      `Bu tarayıcı ${format} fotoğrafları açamıyor.`,
    'encode-failed': 'Fotoğraf işlenemedi.',
    'encode-failed.no-picture': 'Henüz işlenecek bir görüntü yok.',
    'encode-failed.no-jpeg': 'Bu tarayıcı JPEG görüntü oluşturamıyor.',
    'unsupported-image': ({ detail }: { detail: string }) => `Fotoğraf gönderilemiyor: ${detail}`,
    'missing-document-type': ({ step }: { step: string }) =>
      `${step} görüntüsü için bir belge türü gerekiyor.`,
    'configuration.image-names': ({ detail }: { detail: string }) =>
      `session-v1 görüntü adları (protocolOptions.imageNames) kullanılamıyor: ${detail}`,
    'session-v1.unknown-missing-images': ({ names }: { names: readonly string[] }) =>
      names.length
        ? `Doğrulama hizmeti, bu sayfanın bilmediği fotoğrafları istiyor (${list.format(names)}).`
        : 'Doğrulama hizmeti işlemi bitirmedi, ancak hangi fotoğrafa ihtiyaç duyduğunu belirtmiyor.',
    'link-kyc.verification-error':
      'Doğrulama hizmeti bu fotoğraflarla ilgili bir sorun yaşadı. Lütfen yeniden deneyin.',
    'link-kyc.nothing-to-send':
      'Gönderilecek belge fotoğrafı yok: link-kyc en azından ön yüzü gerektirir.',
    'validation-v2.already-completed': 'Bu doğrulama zaten tamamlandı.',
    'validation-v2.attempts-exhausted': 'Bu doğrulama için deneme hakkınız kalmadı.',
    'validation-v2.platform-error':
      'Doğrulama hizmetinde bir sorun oluştu. Lütfen yeniden deneyin.',
    'validation-v2.request-closed': 'Bu doğrulama kapatıldı.',
    'validation-v2.document-type-not-supported': 'Bu doğrulama türü kullanılamıyor.',
    'validation-v2.profile-not-found':
      'Size ait doğrulanmış bir yüz bulunamadı; bu nedenle bu kontrol devam edemiyor.',
    'validation-v2.invalid-endeavor': 'Bu doğrulama bağlantısı geçerli değil.',
    'validation-v2.verification-error':
      'Doğrulama hizmetinde bir sorun oluştu. Lütfen yeniden deneyin.',
    'validation-v2.incomplete-request': 'Bu doğrulama, gereken bilgiler olmadan ayarlanmış.',
    'validation-v2.document-expired':
      'Belgenizin süresi dolmuş, bu nedenle kabul edilemiyor. Lütfen geçerli bir belgeyle yeniden başlayın ya da sizden doğrulama isteyen kurumla iletişime geçin.',
    'validation-v2.invalid-data':
      'Doğrulama, kendisine gönderilen bilgileri kullanamadı ve yeni bir fotoğraf bunu değiştirmeyecek. Lütfen sizden doğrulama isteyen kurumla iletişime geçin.',
  },
  errorSteps: {
    'camera.permission-denied':
      'Tarayıcınızın site ayarlarından kamera erişimine izin verip yeniden deneyin ya da bunun yerine fotoğraf yükleyin.',
    'camera.not-found': 'Bir kamera bağlayıp yeniden deneyin ya da bunun yerine fotoğraf yükleyin.',
    'camera.in-use':
      'Kamerayı kullanan diğer uygulamaları veya sekmeleri kapatıp yeniden deneyin ya da bunun yerine fotoğraf yükleyin.',
    'camera.overconstrained': 'Bunun yerine fotoğraf yükleyin ya da başka bir cihaz kullanın.',
    'camera.insecure-context': 'Bunun yerine fotoğraf yükleyin.',
    'camera.aborted': 'Yeniden deneyin ya da bunun yerine fotoğraf yükleyin.',
    'camera.unsupported':
      'Bunun yerine fotoğraf yükleyin ya da bu sayfayı güncel bir tarayıcıda açın.',
    'camera.track-ended':
      'Kameranızın bağlı olduğunu ve başka bir uygulama tarafından kullanılmadığını kontrol edip yeniden deneyin ya da bunun yerine fotoğraf yükleyin.',
    'camera.no-video': 'Yeniden deneyin ya da bunun yerine fotoğraf yükleyin.',
    'camera.unknown': 'Yeniden deneyin ya da bunun yerine fotoğraf yükleyin.',
    'not-an-image': 'JPEG veya PNG bir fotoğraf seçin ya da fotoğrafı kamerayla çekin.',
    damaged: 'Başka bir fotoğraf seçin ya da fotoğrafı kamerayla çekin.',
    'unsupported-format': 'JPEG veya PNG bir fotoğraf seçin ya da fotoğrafı kamerayla çekin.',
    'too-small': 'Daha net ve daha büyük bir fotoğraf seçin ya da fotoğrafı kamerayla çekin.',
    // "… MB altında" needs no suffix on the abbreviation, whatever the number.
    'too-large': ({ mb }: { mb: number }) =>
      `${mb} MB altında bir fotoğraf seçin ya da fotoğrafı kamerayla çekin.`,
    'encode-failed': 'Yeniden deneyin ya da başka bir fotoğraf seçin.',
  },
  tryAgain: 'Yeniden dene',
  cancel: 'İptal',
  cancelled: 'Doğrulama iptal edildi.',
  stepOf: (n: number, total: number) => `Adım ${n}/${total}`,
  attemptsLeft: (n: number) =>
    n === 0 ? 'Deneme hakkınız kalmadı.' : `${n} deneme hakkınız kaldı.`,
  resume: {
    notice: 'Sayfa yeniden yüklendi. İlerlemenizi sakladık; kaldığınız yerden devam edebilirsiniz.',
    startOver: 'Baştan başla',
  },
  nonVisual: {
    photoTaken: 'Fotoğraf çekildi',
  },
};
