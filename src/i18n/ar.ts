// The Arabic catalog (Modern Standard Arabic): every entry of `en.ts`, written for a person
// verifying their identity. Requests are worded "يُرجى + verbal noun", and the second person only
// where its written form is the same for a man and a woman ("وجهك", "يمكنك"), so no sentence
// assumes the reader's gender. Counts follow Arabic's six plural categories (Intl.PluralRules).
// Numbers stay in Western digits (plain interpolation, never Intl.NumberFormat('ar')): the same
// digits then appear in every sentence, status codes and sizes included, whatever digits a
// runtime's ICU version picks for 'ar'. Latin technical names and values (protocolOptions.*,
// api-base, protocol names, the integrator's or the checks' English words) are wrapped in Unicode
// first-strong isolates so that they, and the punctuation around them, read correctly in RTL text.
import type { Messages } from './en.js';

const plural = new Intl.PluralRules('ar');
const list = new Intl.ListFormat('ar', { type: 'conjunction' });

/** A left-to-right name or value set inside Arabic text: first-strong isolate … pop isolate. */
function iso(text: string): string {
  return `\u2068${text}\u2069`;
}

/** The photos named by a failed verification: one by name, two in the dual, more in the plural. */
function retakePhotos(steps: readonly string[]): string {
  if (steps.length === 1) {
    const what = steps[0] === 'selfie' ? 'صورتك الذاتية' : 'صورة وثيقتك';
    return `تعذّر التحقق من ${what}. يُرجى التقاطها مجددًا.`;
  }
  if (plural.select(steps.length) === 'two') {
    return 'تعذّر التحقق من هاتين الصورتين. يُرجى التقاطهما مجددًا.';
  }
  return 'تعذّر التحقق من هذه الصور. يُرجى التقاطها مجددًا.';
}

/** "لديك 3 محاولات متبقية.": the noun's form follows the number's plural category. */
function attemptsLeft(n: number): string {
  switch (plural.select(n)) {
    case 'zero':
      return 'لم تعد لديك أي محاولات متبقية.';
    case 'one':
      return 'لديك محاولة واحدة متبقية.';
    case 'two':
      return 'لديك محاولتان متبقيتان.';
    case 'few':
      return `لديك ${n} محاولات متبقية.`;
    case 'many':
      // 11–99: a singular noun in the accusative (tamyīz), written with its tanwīn.
      return `لديك ${n} محاولةً متبقيةً.`;
    default:
      return `لديك ${n} محاولة متبقية.`;
  }
}

const TRY_OR_UPLOAD = 'يُرجى المحاولة مجددًا، أو رفع صورة بدلًا من ذلك.';
const CHOOSE_JPEG_OR_PNG = `يُرجى اختيار صورة بتنسيق ${iso('JPEG')} أو ${iso('PNG')}، أو التقاط الصورة بالكاميرا.`;

/** Every person-facing string of the elements, in Arabic. */
export const ar: Messages = {
  introTitle: 'التحقق من هويتك',
  introBody: 'سنلتقط صورة لوثيقة هويتك وصورة ذاتية لك. يُرجى تجهيز وثيقتك واختيار مكان جيد الإضاءة.',
  consentLabel: 'أوافق على إرسال صور وثيقتي ووجهي من أجل التحقق من الهوية.',
  documentTypeLegend: 'ما الوثيقة التي سيتم استخدامها؟',
  documentTypes: {
    passport: 'جواز السفر',
    identity_card: 'بطاقة الهوية',
    drivers_license: 'رخصة القيادة',
  },
  start: 'بدء',
  stepTitles: {
    document_front: 'الوجه الأمامي لوثيقتك',
    document_back: 'الوجه الخلفي لوثيقتك',
    selfie: 'صورة ذاتية',
    liveness: 'التحقق من الحيوية',
  },
  stepHints: {
    document_front: 'يُرجى وضع الوجه الأمامي لوثيقتك داخل الإطار، ثم التقاط الصورة.',
    document_back: 'يُرجى قلب وثيقتك ووضع وجهها الخلفي داخل الإطار.',
    selfie: 'يُرجى النظر إلى الكاميرا وإبقاء وجهك داخل الشكل البيضاوي.',
    liveness: 'يُرجى إبقاء وجهك داخل الشكل البيضاوي واتباع التعليمات.',
  },
  takePhoto: 'التقاط صورة',
  quality: {
    no_document: 'يُرجى وضع وثيقتك داخل الإطار',
    corners: 'يجب أن تظهر زوايا الوثيقة الأربع',
    too_far: 'يُرجى الاقتراب من الوثيقة',
    wrong_shape: 'يُرجى إمساك الوثيقة مستويةً ومواجهةً للكاميرا',
    dark: 'يُرجى زيادة الإضاءة',
    bright: 'الإضاءة ساطعة جدًا: يُرجى الابتعاد عن الضوء المباشر',
    low_contrast: 'يُرجى وضع الوثيقة على سطح سادة أغمق لونًا',
    glare: 'يوجد انعكاس للضوء: يُرجى إمالة الوثيقة بعيدًا عن مصدره',
    blur: 'يُرجى الثبات: الصورة ضبابية',
  },
  selfie: {
    no_face: 'يُرجى وضع وجهك داخل الشكل البيضاوي',
    multiple_faces: 'يجب أن يظهر وجه واحد فقط: يُرجى التأكد من عدم وجود أي شخص آخر في الصورة',
    face_too_small: 'يُرجى الاقتراب من الكاميرا',
    face_too_large: 'يُرجى الابتعاد قليلًا',
    face_off_center: 'يُرجى توسيط وجهك داخل الشكل البيضاوي',
    face_angle: 'يُرجى النظر مباشرةً إلى الكاميرا مع إبقاء الرأس مستقيمًا',
    blur: 'يُرجى الثبات: الصورة ضبابية',
    dark: 'يُرجى زيادة الإضاءة على وجهك',
  },
  liveness: {
    tilt_left: 'يُرجى إمالة رأسك نحو كتفك الأيسر',
    tilt_right: 'يُرجى إمالة رأسك نحو كتفك الأيمن',
    turn_left: 'يُرجى إدارة رأسك إلى يسارك',
    turn_right: 'يُرجى إدارة رأسك إلى يمينك',
    closer: 'يُرجى تقريب وجهك من الكاميرا',
    back: 'يُرجى إبعاد وجهك عن الكاميرا',
    look_straight: 'يُرجى النظر مباشرةً إلى الكاميرا',
    holdStill: 'يُرجى النظر إلى الكاميرا والثبات',
    hold: 'يُرجى البقاء هكذا…',
    done: 'تم',
    timed_out: 'انتهى الوقت المخصص لهذه الحركة. يمكنك المحاولة مجددًا عند الاستعداد.',
    movementOf: (index: number, count: number) => `الحركة ${index} من ${count}`,
  },
  loadingFaceCheck: 'جارٍ تجهيز التحقق من الوجه…',
  holdStill: 'يُرجى الثبات…',
  manualHint: 'في حال وجود صعوبة، يمكنك التقاط الصورة بنفسك باستخدام الزر أدناه.',
  switchCamera: 'تبديل الكاميرا',
  torchOn: 'تشغيل الضوء',
  torchOff: 'إطفاء الضوء',
  uploadInstead: 'رفع صورة بدلًا من ذلك',
  startingCamera: 'جارٍ تشغيل الكاميرا…',
  inAppCamera: {
    'permission-denied': 'لم يسمح هذا التطبيق بالوصول إلى الكاميرا. يمكنك رفع صورة بدلًا من ذلك.',
    unsupported: 'لا يستطيع هذا التطبيق فتح الكاميرا هنا. يمكنك رفع صورة بدلًا من ذلك.',
    'insecure-context': 'لا يستطيع هذا التطبيق فتح الكاميرا هنا. يمكنك رفع صورة بدلًا من ذلك.',
    'no-video': 'لا يعرض هذا التطبيق صورة الكاميرا. يمكنك رفع صورة بدلًا من ذلك.',
  },
  cameraPaused: 'تتوقف الكاميرا مؤقتًا ما دامت هذه الصفحة مخفية.',
  reviewTitle: 'مراجعة صورتك',
  reviewBody: 'يُرجى التأكد من أن النص كله مقروء، ومن عدم وجود انعكاس للضوء، ومن عدم اقتطاع أي جزء.',
  portraitMissing:
    'لم نتمكن من رؤية صورة وجهك على الوثيقة. يُرجى التأكد من أنها غير مغطاة أو محجوبة بانعكاس الضوء، أو إعادة التقاط الصورة.',
  reviewImageAlt: 'الصورة التي التقطتها للتو',
  usePhoto: 'استخدام هذه الصورة',
  retake: 'إعادة الالتقاط',
  uploading: 'جارٍ إرسال صورتك بأمان…',
  feedbackTitle: 'يُرجى التقاط هذه الصورة مجددًا',
  feedback: {
    ok: 'تم قبول الصورة.',
    blurry: 'الصورة ضبابية: يُرجى الثبات وترك الكاميرا تضبط التركيز.',
    glare: 'يوجد انعكاس للضوء على الوثيقة: يُرجى إمالتها بعيدًا عن مصدره.',
    too_dark: 'الصورة مظلمة جدًا: يُرجى الانتقال إلى مكان أكثر إضاءة.',
    too_bright: 'الصورة ساطعة جدًا: يُرجى الابتعاد عن الضوء المباشر.',
    document_not_found: 'لم يتم العثور على وثيقة: يُرجى وضع الوثيقة كاملةً داخل الإطار.',
    corners_not_visible: 'بعض الزوايا مقطوعة: يُرجى إبقاء الزوايا الأربع داخل الإطار.',
    wrong_side: 'هذا هو الوجه الآخر للوثيقة: يُرجى قلبها.',
    face_not_found: 'لم يتم العثور على وجه: يُرجى النظر مباشرةً إلى الكاميرا دون تغطية وجهك.',
    multiple_faces: 'يظهر أكثر من وجه: يُرجى التأكد من أنك وحدك في الصورة.',
    image_too_small: 'الصورة صغيرة جدًا: يُرجى تقريب الكاميرا.',
    'link-kyc.not_processed':
      'تعذّرت قراءة وثيقتك. يُرجى التقاط الصور مجددًا: الوثيقة كاملةً داخل الإطار، واضحةً ودون انعكاس للضوء.',
    'link-kyc.sides_mismatch':
      'صورتا الوجه الأمامي والخلفي لوثيقتين مختلفتين. يُرجى إعادة التقاط الوجه الخلفي للوثيقة نفسها.',
    'link-kyc.sides_mismatch_both':
      'لا تزال صورتا الوجه الأمامي والخلفي لوثيقتين مختلفتين. يُرجى إعادة التقاط وجهَي وثيقة واحدة.',
    'link-kyc.document.GLARE': 'كان هناك انعكاس للضوء على الوثيقة: يُرجى إمالتها بعيدًا عن مصدره.',
    'link-kyc.document.INCOMPLETE_DOCUMENT': 'أحد أوجه الوثيقة ناقص: يُرجى تصوير كل وجه منها.',
    'link-kyc.document.NOT_VISIBLE_FOUR_CORNERS':
      'يجب أن تظهر زوايا الوثيقة الأربع كلها دون أن يغطيها شيء.',
    'link-kyc.document.NOT_VISIBLE_SECURITY_FEATURES':
      'كانت أجزاء من الوثيقة مخفية: يُرجى إبعاد الأصابع والأشياء عنها.',
    'link-kyc.document.OUT_OF_FOCUS':
      'كانت صورة الوثيقة ضبابية: يُرجى الثبات وترك الكاميرا تضبط التركيز.',
    'link-kyc.document.POOR_CONTRAST':
      'كانت قراءة الوثيقة صعبة: يُرجى وضعها على سطح سادة أغمق لونًا.',
    'link-kyc.document.POOR_EXPOSURE':
      'كانت صورة الوثيقة مظلمة جدًا أو ساطعة جدًا: يُرجى البحث عن إضاءة متساوية.',
    'link-kyc.document.UNCLASSIFIED_DOCUMENT':
      'هذه الوثيقة غير مدعومة: يُرجى استخدام وثيقة هوية أخرى.',
    'link-kyc.document.UNREADABLE_FIELD':
      'تعذّرت قراءة بعض النصوص: يُرجى إبقاء الوثيقة كلها واضحةً وغير مغطاة.',
    'link-kyc.document.UNSUPPORTED_LANGUAGE':
      'الوثائق المكتوبة بهذه اللغة غير مدعومة: يُرجى استخدام وثيقة أخرى.',
    'link-kyc.face.MISSING_SELFIE': 'الصورة الذاتية غير موجودة: يُرجى التقاط صورة ذاتية.',
    'link-kyc.face.MISSING_PORTRAIT':
      'لم تكن الصورة التي على وثيقتك ظاهرة: يُرجى تصوير الوجه الذي يحمل صورتك الشخصية.',
    'link-kyc.face.NOT_HUMAN_FACE':
      'لم يتم العثور على وجه في الوثيقة: يُرجى تصوير الوجه الذي يحمل صورتك الشخصية.',
    'link-kyc.face.PARTIALLY_VISIBLE_HUMAN_FACE':
      'كان وجهك ظاهرًا جزئيًا فقط: يُرجى إبقاء وجهك كله داخل الشكل البيضاوي.',
    'link-kyc.face.PORTRAIT_IS_FAKE':
      'تعذّر قبول الصورة الشخصية التي على وثيقتك: يُرجى تصوير الوثيقة الأصلية نفسها، لا نسخة منها ولا صورتها على شاشة.',
    'link-kyc.face.SELFIE_NOT_LIVE': 'يُرجى التقاط صورة ذاتية حية، لا صورة لصورة أخرى.',
    'link-kyc.face.OUT_OF_FOCUS':
      'كانت صورتك الذاتية ضبابية: يُرجى الثبات وترك الكاميرا تضبط التركيز.',
    'link-kyc.face.POOR_CONTRAST': 'كان من الصعب تمييز وجهك: يُرجى الوقوف أمام خلفية سادة.',
    'link-kyc.face.POOR_EXPOSURE':
      'كانت صورتك الذاتية مظلمة جدًا أو ساطعة جدًا: يُرجى مواجهة إضاءة متساوية.',
    'link-kyc.face.GLARE':
      'كان هناك انعكاس للضوء على صورتك الذاتية: يُرجى الابتعاد عن الضوء المباشر.',
    'link-kyc.face.FACE_TOO_CLOSE_SELFIE_IMAGE':
      'كان وجهك قريبًا جدًا من الكاميرا: يُرجى الابتعاد قليلًا.',
    'link-kyc.face.FACE_TOO_FAR_SELFIE_IMAGE':
      'كان وجهك بعيدًا جدًا عن الكاميرا: يُرجى الاقتراب منها.',
    'link-kyc.face.FACE_ANGLE_TOO_LARGE_SELFIE_IMAGE':
      'يُرجى النظر مباشرةً إلى الكاميرا مع إبقاء الرأس مستقيمًا.',
    'link-kyc.face.QUALITY_TOO_LOW_SELFIE_IMAGE':
      'لم تكن الصورة الذاتية واضحة بما يكفي: يُرجى البحث عن إضاءة جيدة والثبات.',
    'link-kyc.face.TOO_MANY_FACES_SELFIE_IMAGE':
      'ظهر أكثر من وجه: يُرجى التأكد من أنك وحدك في الصورة.',
    'validation-v2.verification_failed': ({ steps }: { steps: readonly string[] }) =>
      retakePhotos(steps),
    'validation-v2.face-image-empty': 'كانت الصورة الذاتية فارغة: يُرجى التقاطها مجددًا.',
    'validation-v2.no-face':
      'لم يتم العثور على وجه: يُرجى النظر مباشرةً إلى الكاميرا دون تغطية وجهك.',
    'validation-v2.multiple-faces': 'يظهر أكثر من وجه: يُرجى التأكد من أنك وحدك في الصورة.',
    'validation-v2.face-not-usable':
      'تعذّر العثور على وجهك في الصورة الذاتية: يُرجى التقاطها مجددًا مع التأكد من أنك وحدك في الصورة.',
    'validation-v2.face-image-required': 'الصورة الذاتية غير موجودة: يُرجى التقاطها مجددًا.',
  },
  feedbackUnknown: 'تعذّر استخدام الصورة: يُرجى التقاطها مجددًا.',
  done: 'اكتمل كل شيء',
  doneBody: 'شكرًا لك. تم استلام صورك.',
  errorTitle: 'حدث خطأ ما',
  errors: {
    unknown: 'حدث أمر غير متوقع. يُرجى المحاولة مجددًا.',
    'camera.permission-denied': 'تم حظر الوصول إلى الكاميرا.',
    'camera.not-found': 'لم يتم العثور على كاميرا في هذا الجهاز.',
    'camera.in-use': 'الكاميرا قيد الاستخدام من قِبل تطبيق آخر.',
    'camera.overconstrained': 'لا تستطيع الكاميرا التقاط الصور بالتنسيق المطلوب.',
    'camera.insecure-context': 'الكاميرا غير متاحة في هذه الصفحة لأن الاتصال غير آمن.',
    'camera.aborted': 'تعذّر تشغيل الكاميرا.',
    'camera.unsupported': 'لا يستطيع هذا المتصفح استخدام الكاميرا.',
    'camera.track-ended': 'توقفت الكاميرا.',
    'camera.not-live': 'الكاميرا ليست جاهزة بعد.',
    'camera.no-video': 'بدأ تشغيل الكاميرا لكنها لا تعرض أي صورة.',
    'camera.unknown': 'حدث خطأ ما في الكاميرا.',
    'http-error': ({ status, serverCode }: { status: number; serverCode: string }) =>
      `ردّ الخادم بالرمز ${status}${serverCode ? ` (${iso(serverCode)})` : ''}.`,
    'network-error': 'فشل الاتصال بالخادم. يُرجى التحقق من اتصالك والمحاولة مجددًا.',
    'network-error.module-load': 'تعذّر تحميل وحدة التحقق. يُرجى التحقق من اتصالك.',
    timeout: 'استغرق الخادم وقتًا طويلًا في الرد. يُرجى المحاولة مجددًا.',
    'timeout.token-renewal':
      'استغرق تجديد عملية التحقق هذه وقتًا طويلًا. صورتك محفوظة: يُرجى المحاولة مجددًا.',
    'network-error.offline':
      'لا يوجد اتصال بالإنترنت. صورتك محفوظة وسيتم إرسالها فور عودة الاتصال.',
    'upload-too-large':
      'هذه الصورة كبيرة جدًا بالنسبة إلى خدمة التحقق حتى بعد تصغيرها. يُرجى التقاطها مجددًا.',
    'configuration.api-base': ({ apiBase }: { apiBase: string }) =>
      `يجب أن يبدأ عنوان الخادم (${iso('api-base')}) بـ ${iso('https:')}، أو أن يكون على هذا الجهاز (${iso('localhost')})؛ والقيمة «${iso(apiBase)}» ليست أيًّا منهما.`,
    'token-expired': 'انتهت صلاحية رابط التحقق هذا. يُرجى البدء من جديد.',
    // The checks word `detail` in English only: shown as it is, isolated as a left-to-right run.
    'bad-response': ({ detail }: { detail: string }) => iso(detail),
    aborted: 'تم إلغاء الطلب.',
    // The integrator's own words, shown as they are (isolated, whatever their direction).
    configuration: ({ detail }: { detail: string }) => iso(detail),
    'configuration.incomplete-link': 'رابط التحقق هذا غير مكتمل: الجلسة أو رمزها المميز مفقود.',
    'configuration.unknown-protocol': ({ protocol }: { protocol: string }) =>
      `بروتوكول غير معروف: «${iso(protocol)}».`,
    'configuration.client-id': `يحتاج بروتوكول ${iso('idv-sdk')} إلى معرّف العميل (${iso('client-id')}).`,
    'configuration.idv-sdk-path': ({ operation }: { operation: string }) =>
      `يجب أن يكون مسار ${iso('idv-sdk')} الخاص بـ «${iso(operation)}» عمليةً معروفة ومسارًا نسبيًا إلى ${iso('api-base')} (${iso('protocolOptions.paths')}).`,
    'configuration.idv-sdk-document-type': ({ documentType }: { documentType: string }) =>
      `نوع الوثيقة في ${iso('idv-sdk')} الخاص بـ «${iso(documentType)}» ليس من الأنواع التي يمكن إرسالها (${iso('protocolOptions.idvDocumentTypes')}).`,
    'configuration.idv-sdk-position': `يرسل بروتوكول ${iso('idv-sdk')} موقع الشخص مع كل صورة: يُرجى تفعيل ${iso('geolocation')} أو ضبط ${iso('location')}.`,
    'idv-sdk.position-unavailable':
      'تحتاج عملية التحقق هذه إلى موقعك. يُرجى السماح لهذه الصفحة بالوصول إلى الموقع، ثم المحاولة مجددًا.',
    'configuration.expeditor-country': `يحتاج بروتوكول ${iso('link-kyc')} إلى بلد إصدار الوثيقة (${iso('protocolOptions.expeditorCountry')}).`,
    'configuration.document-type-code': ({ documentType }: { documentType: string }) =>
      `يحتاج بروتوكول ${iso('validation-v2')} إلى رمز ${iso('API')} الخاص بـ ${iso(documentType)} (${iso('protocolOptions.documentTypeCodes')}).`,
    'not-an-image': 'هذا الملف ليس صورة يمكننا قراءتها.',
    'too-small': 'هذه الصورة صغيرة جدًا بحيث لا يمكن قراءة تفاصيلها.',
    'too-large': 'هذا الملف كبير جدًا.',
    damaged: 'ملف الصورة هذا تالف ولا يمكن فتحه.',
    'unsupported-format': ({ format }: { format: string }) =>
      `لا يستطيع هذا المتصفح فتح صور ${iso(format)}.`,
    'encode-failed': 'تعذّرت معالجة الصورة.',
    'encode-failed.no-picture': 'لا توجد صورة لمعالجتها بعد.',
    'encode-failed.no-jpeg': `لا يستطيع هذا المتصفح إنشاء صور ${iso('JPEG')}.`,
    'unsupported-image': ({ detail }: { detail: string }) => `تعذّر إرسال الصورة: ${iso(detail)}`,
    'missing-document-type': ({ step }: { step: string }) =>
      `تحتاج صورة ${iso(step)} إلى نوع وثيقة.`,
    'configuration.image-names': ({ detail }: { detail: string }) =>
      `لا يمكن استخدام أسماء صور ${iso('session-v1')} (${iso('protocolOptions.imageNames')}): ${iso(detail)}`,
    'session-v1.unknown-missing-images': ({ names }: { names: readonly string[] }) =>
      names.length
        ? `تطلب خدمة التحقق صورًا لا تعرفها هذه الصفحة (${list.format(names.map(iso))}).`
        : 'لم تنتهِ خدمة التحقق بعد، لكنها لا تحدد الصورة التي تحتاج إليها.',
    'link-kyc.verification-error': 'واجهت خدمة التحقق مشكلة في هذه الصور. يُرجى المحاولة مجددًا.',
    'link-kyc.nothing-to-send': `لا توجد صورة وثيقة لإرسالها: يحتاج ${iso('link-kyc')} إلى الوجه الأمامي على الأقل.`,
    'validation-v2.already-completed': 'اكتملت عملية التحقق هذه بالفعل.',
    'validation-v2.attempts-exhausted': 'لم تتبقَّ أي محاولات لعملية التحقق هذه.',
    'validation-v2.platform-error': 'واجهت خدمة التحقق مشكلة. يُرجى المحاولة مجددًا.',
    'validation-v2.request-closed': 'تم إغلاق عملية التحقق هذه.',
    'validation-v2.document-type-not-supported': 'هذا النوع من التحقق غير متاح.',
    'validation-v2.profile-not-found':
      'لم يتم العثور على وجه موثَّق خاص بك، لذا لا يمكن متابعة هذا التحقق.',
    'validation-v2.invalid-endeavor': 'رابط التحقق هذا غير صالح.',
    'validation-v2.verification-error': 'واجهت خدمة التحقق مشكلة. يُرجى المحاولة مجددًا.',
    'validation-v2.incomplete-request': 'أُعدّت عملية التحقق هذه دون ما تحتاج إليه.',
    'validation-v2.document-expired':
      'انتهت صلاحية وثيقتك، لذا لا يمكن قبولها. يُرجى البدء من جديد بوثيقة سارية، أو التواصل مع الجهة التي طلبت منك التحقق.',
    'validation-v2.invalid-data':
      'تعذّر على عملية التحقق استخدام المعلومات التي أُرسلت إليها، ولن تغيّر صورة جديدة ذلك. يُرجى التواصل مع الجهة التي طلبت منك التحقق.',
  },
  errorSteps: {
    'camera.permission-denied':
      'يُرجى السماح بالوصول إلى الكاميرا من إعدادات الموقع في متصفحك، ثم المحاولة مجددًا، أو رفع صورة بدلًا من ذلك.',
    'camera.not-found': 'يُرجى توصيل كاميرا والمحاولة مجددًا، أو رفع صورة بدلًا من ذلك.',
    'camera.in-use':
      'يُرجى إغلاق التطبيقات أو علامات التبويب الأخرى التي تستخدم الكاميرا، ثم المحاولة مجددًا، أو رفع صورة بدلًا من ذلك.',
    'camera.overconstrained': 'يُرجى رفع صورة بدلًا من ذلك، أو استخدام جهاز آخر.',
    'camera.insecure-context': 'يُرجى رفع صورة بدلًا من ذلك.',
    'camera.aborted': TRY_OR_UPLOAD,
    'camera.unsupported': 'يُرجى رفع صورة بدلًا من ذلك، أو فتح هذه الصفحة في متصفح محدَّث.',
    'camera.track-ended':
      'يُرجى التأكد من أن الكاميرا متصلة ولا يستخدمها تطبيق آخر، ثم المحاولة مجددًا، أو رفع صورة بدلًا من ذلك.',
    'camera.no-video': TRY_OR_UPLOAD,
    'camera.unknown': TRY_OR_UPLOAD,
    'not-an-image': CHOOSE_JPEG_OR_PNG,
    damaged: 'يُرجى اختيار صورة أخرى، أو التقاط الصورة بالكاميرا.',
    'unsupported-format': CHOOSE_JPEG_OR_PNG,
    'too-small': 'يُرجى اختيار صورة أوضح وأكبر، أو التقاط الصورة بالكاميرا.',
    'too-large': ({ mb }: { mb: number }) =>
      `يُرجى اختيار صورة أصغر من ${mb} ميغابايت، أو التقاط الصورة بالكاميرا.`,
    'encode-failed': 'يُرجى المحاولة مجددًا، أو اختيار صورة أخرى.',
  },
  tryAgain: 'إعادة المحاولة',
  cancel: 'إلغاء',
  cancelled: 'تم إلغاء التحقق.',
  stepOf: (n: number, total: number) => `الخطوة ${n} من ${total}`,
  attemptsLeft,
  resume: {
    notice: 'أُعيد تحميل الصفحة. احتفظنا بما أنجزته، ويمكنك المتابعة من حيث توقفت.',
    startOver: 'البدء من جديد',
  },
  nonVisual: {
    photoTaken: 'تم التقاط الصورة',
  },
};
