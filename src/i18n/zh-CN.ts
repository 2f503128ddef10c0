// The Simplified Chinese catalog: every entry of `en.ts`, written for a person verifying their
// identity, addressing them as 您, with full-width punctuation. Chinese nouns do not change with a
// number ("3 次"), so no sentence here depends on a plural category; only an empty count is
// worded apart. Latin words and digits are set off from Chinese characters by a space, as Chinese
// interfaces commonly do; technical names (protocolOptions.*, api-base, protocol names) are the
// integrator's and stay as they are.
import type { Messages } from './en.js';

const list = new Intl.ListFormat('zh-CN', { type: 'conjunction' });

/** "您的自拍无法通过验证。请重新拍摄。", naming what is to be retaken. */
function retakePhotos(steps: readonly string[], problem: string): string {
  if (steps.length !== 1) return `这些照片${problem}。请重新拍摄。`;
  const what = steps[0] === 'selfie' ? '您的自拍' : '您的证件照片';
  return `${what}${problem}。请重新拍摄。`;
}

/** Every person-facing string of the elements, in Simplified Chinese. */
export const zhCN: Messages = {
  introTitle: '验证您的身份',
  introBody: '我们将拍摄您的身份证件照片和一张自拍。请准备好证件，并找一个光线充足的地方。',
  consentLabel: '我同意发送我的证件和面部图像，用于身份验证。',
  documentTypeLegend: '您将使用哪种证件？',
  documentTypes: {
    passport: '护照',
    identity_card: '身份证',
    drivers_license: '驾驶证',
  },
  start: '开始',
  stepTitles: {
    document_front: '证件正面',
    document_back: '证件背面',
    selfie: '自拍',
    liveness: '活体检测',
  },
  stepHints: {
    document_front: '请将证件正面放入取景框内，然后拍照。',
    document_back: '请将证件翻面，把背面放入取景框内。',
    selfie: '请看向摄像头，让面部保持在椭圆框内。',
    liveness: '请让面部保持在椭圆框内，并按提示操作。',
  },
  takePhoto: '拍照',
  quality: {
    no_document: '请将证件放入取景框内',
    corners: '请露出证件的四个角',
    too_far: '请靠近证件',
    wrong_shape: '请将证件放平，正对摄像头',
    dark: '光线不足，请增加光线',
    bright: '光线太强：请避开直射光',
    low_contrast: '请将证件放在颜色较深的纯色表面上',
    glare: '有反光：请将证件倾斜，避开光源',
    blur: '请保持不动：画面模糊',
  },
  selfie: {
    no_face: '请将面部移入椭圆框内',
    multiple_faces: '只能有一张人脸：请确保画面中没有其他人',
    face_too_small: '请靠近摄像头',
    face_too_large: '请稍微后退',
    face_off_center: '请将面部置于椭圆框中央',
    face_angle: '请直视摄像头，保持头部端正',
    blur: '请保持不动：画面模糊',
    dark: '请让面部光线更充足',
  },
  liveness: {
    tilt_left: '请将头向左肩倾斜',
    tilt_right: '请将头向右肩倾斜',
    turn_left: '请向左转头',
    turn_right: '请向右转头',
    closer: '请将面部靠近摄像头',
    back: '请将面部远离摄像头',
    look_straight: '请直视摄像头',
    holdStill: '请看向摄像头并保持不动',
    hold: '保持住……',
    done: '完成',
    timed_out: '此动作已超时。准备好后请重试。',
    movementOf: (index: number, count: number) => `第 ${index} 个动作，共 ${count} 个`,
  },
  loadingFaceCheck: '正在准备人脸检测……',
  holdStill: '请保持不动……',
  manualHint: '遇到问题？请使用下方按钮自行拍照。',
  switchCamera: '切换摄像头',
  torchOn: '打开手电筒',
  torchOff: '关闭手电筒',
  uploadInstead: '改为上传照片',
  startingCamera: '正在启动摄像头……',
  inAppCamera: {
    'permission-denied': '此应用未允许访问摄像头。您可以改为上传照片。',
    unsupported: '此应用无法在这里打开摄像头。您可以改为上传照片。',
    'insecure-context': '此应用无法在这里打开摄像头。您可以改为上传照片。',
    'no-video': '此应用没有显示摄像头画面。您可以改为上传照片。',
  },
  cameraPaused: '此页面处于隐藏状态时，摄像头会暂停。',
  reviewTitle: '检查您的照片',
  reviewBody: '请确保所有文字清晰可读、没有反光，且没有任何部分被裁掉。',
  portraitMissing:
    '我们没能看到证件上您的人像照片。请确保人像没有被遮挡或被反光覆盖，或者重新拍摄。',
  reviewImageAlt: '您刚拍摄的照片',
  usePhoto: '使用此照片',
  retake: '重拍',
  uploading: '正在安全发送您的照片……',
  feedbackTitle: '请重新拍摄这张照片',
  feedback: {
    ok: '照片已被接受。',
    blurry: '照片模糊：请保持不动，等待摄像头对焦。',
    glare: '证件上有反光：请将证件倾斜，避开光源。',
    too_dark: '照片太暗：请换到更明亮的地方。',
    too_bright: '照片太亮：请避开直射光。',
    document_not_found: '未检测到证件：请将整个证件放入取景框内。',
    corners_not_visible: '部分边角被裁掉：请让四个角都在取景框内。',
    wrong_side: '这是证件的另一面：请将证件翻面。',
    face_not_found: '未检测到人脸：请直视摄像头，不要遮挡面部。',
    multiple_faces: '画面中有多张人脸：请确保画面中只有您一人。',
    image_too_small: '照片太小：请将摄像头靠近一些。',
    'link-kyc.not_processed':
      '无法读取您的证件。请重新拍摄：整个证件都在取景框内，清晰且没有反光。',
    'link-kyc.sides_mismatch': '正面和背面照片来自不同的证件。请重新拍摄同一证件的背面。',
    'link-kyc.sides_mismatch_both':
      '正面和背面照片仍来自不同的证件。请重新拍摄同一证件的正反两面。',
    'link-kyc.document.GLARE': '证件上有反光：请将证件倾斜，避开光源。',
    'link-kyc.document.INCOMPLETE_DOCUMENT': '缺少证件的一面：请拍摄证件的每一面。',
    'link-kyc.document.NOT_VISIBLE_FOUR_CORNERS': '证件的四个角必须全部可见，且没有任何遮挡。',
    'link-kyc.document.NOT_VISIBLE_SECURITY_FEATURES':
      '证件的部分区域被遮挡：请不要让手指或物品挡住证件。',
    'link-kyc.document.OUT_OF_FOCUS': '证件照片模糊：请保持不动，等待摄像头对焦。',
    'link-kyc.document.POOR_CONTRAST': '证件难以辨认：请将证件放在颜色较深的纯色表面上。',
    'link-kyc.document.POOR_EXPOSURE': '证件照片太暗或太亮：请在光线均匀的地方拍摄。',
    'link-kyc.document.UNCLASSIFIED_DOCUMENT': '不支持此证件：请使用其他身份证件。',
    'link-kyc.document.UNREADABLE_FIELD': '部分文字无法读取：请让整个证件清晰、无遮挡。',
    'link-kyc.document.UNSUPPORTED_LANGUAGE': '不支持此语言的证件：请使用其他证件。',
    'link-kyc.face.MISSING_SELFIE': '缺少自拍：请拍一张自拍。',
    'link-kyc.face.MISSING_PORTRAIT': '看不到您证件上的照片：请拍摄带有您人像的那一面。',
    'link-kyc.face.NOT_HUMAN_FACE': '证件上未检测到人脸：请拍摄带有您人像的那一面。',
    'link-kyc.face.PARTIALLY_VISIBLE_HUMAN_FACE':
      '您的面部只露出了一部分：请让整个面部都在椭圆框内。',
    'link-kyc.face.PORTRAIT_IS_FAKE':
      '无法接受您证件上的人像：请拍摄证件原件本身，而不是复印件或屏幕上的图像。',
    'link-kyc.face.SELFIE_NOT_LIVE': '请现场拍摄自拍，不要翻拍照片。',
    'link-kyc.face.OUT_OF_FOCUS': '您的自拍模糊：请保持不动，等待摄像头对焦。',
    'link-kyc.face.POOR_CONTRAST': '难以看清您的面部：请站在纯色背景前。',
    'link-kyc.face.POOR_EXPOSURE': '您的自拍太暗或太亮：请面向均匀的光线。',
    'link-kyc.face.GLARE': '您的自拍有反光：请避开直射光。',
    'link-kyc.face.FACE_TOO_CLOSE_SELFIE_IMAGE': '您离得太近了：请稍微后退。',
    'link-kyc.face.FACE_TOO_FAR_SELFIE_IMAGE': '您离得太远了：请靠近摄像头。',
    'link-kyc.face.FACE_ANGLE_TOO_LARGE_SELFIE_IMAGE': '请直视摄像头，保持头部端正。',
    'link-kyc.face.QUALITY_TOO_LOW_SELFIE_IMAGE': '自拍不够清晰：请找光线好的地方，并保持不动。',
    'link-kyc.face.TOO_MANY_FACES_SELFIE_IMAGE': '画面中有多张人脸：请确保画面中只有您一人。',
    'validation-v2.verification_failed': ({ steps }: { steps: readonly string[] }) =>
      retakePhotos(steps, '无法通过验证'),
    'validation-v2.face-image-empty': '自拍是空白的：请重新拍摄。',
    'validation-v2.no-face': '未检测到人脸：请直视摄像头，不要遮挡面部。',
    'validation-v2.multiple-faces': '画面中有多张人脸：请确保画面中只有您一人。',
    'validation-v2.face-not-usable': '自拍中找不到您的面部：请重新拍摄，并确保画面中只有您一人。',
    'validation-v2.face-image-required': '缺少自拍：请重新拍摄。',
  },
  feedbackUnknown: '这张照片无法使用：请重新拍摄。',
  done: '全部完成',
  doneBody: '谢谢。我们已收到您的照片。',
  errorTitle: '出了点问题',
  errors: {
    unknown: '发生了意外情况。请重试。',
    'camera.permission-denied': '摄像头访问被阻止。',
    'camera.not-found': '此设备上未找到摄像头。',
    'camera.in-use': '您的摄像头正被其他应用使用。',
    'camera.overconstrained': '您的摄像头无法按所需格式拍照。',
    'camera.insecure-context': '连接不安全，此页面无法使用摄像头。',
    'camera.aborted': '摄像头无法启动。',
    'camera.unsupported': '此浏览器无法使用摄像头。',
    'camera.track-ended': '摄像头已停止。',
    'camera.not-live': '摄像头尚未就绪。',
    'camera.no-video': '摄像头已启动，但没有画面。',
    'camera.unknown': '摄像头出现问题。',
    'http-error': ({ status, serverCode }: { status: number; serverCode: string }) =>
      `服务器返回了 ${status}${serverCode ? `（${serverCode}）` : ''}。`,
    'network-error': '无法连接到服务器。请检查网络连接后重试。',
    'network-error.module-load': '无法加载验证模块。请检查网络连接。',
    timeout: '服务器响应时间过长。请重试。',
    'timeout.token-renewal': '续期此次验证耗时过长。您的照片已保留：请重试。',
    'network-error.offline': '您已离线。您的照片已保留，恢复联网后将立即发送。',
    'upload-too-large': '即使已经压缩，这张照片对验证服务来说仍然太大。请重新拍摄。',
    'configuration.api-base': ({ apiBase }: { apiBase: string }) =>
      `服务器地址（api-base）必须以 https: 开头，或位于本设备（localhost）上；“${apiBase}”两者都不是。`,
    'token-expired': '此验证链接已过期。请重新开始。',
    // The checks word `detail` in English only; it is shown as it is.
    'bad-response': ({ detail }: { detail: string }) => detail,
    aborted: '请求已取消。',
    // The integrator's own words, shown as they are.
    configuration: ({ detail }: { detail: string }) => detail,
    'configuration.incomplete-link': '此验证链接不完整：缺少会话或其令牌。',
    'configuration.unknown-protocol': ({ protocol }: { protocol: string }) =>
      `未知协议“${protocol}”。`,
    'configuration.client-id': 'idv-sdk 协议需要客户端 ID（client-id）。',
    'configuration.idv-sdk-path': ({ operation }: { operation: string }) =>
      `“${operation}”的 idv-sdk 路径必须是已知操作，且为相对于 api-base 的路径（protocolOptions.paths）。`,
    'configuration.idv-sdk-document-type': ({ documentType }: { documentType: string }) =>
      `“${documentType}”的 idv-sdk 证件类型不是可发送的类型（protocolOptions.idvDocumentTypes）。`,
    'configuration.idv-sdk-position':
      'idv-sdk 协议会随每张照片发送用户的位置：请开启 geolocation 或设置 location。',
    'idv-sdk.position-unavailable': '此验证需要您的位置信息。请允许此页面访问位置信息，然后重试。',
    'configuration.expeditor-country':
      'link-kyc 协议需要证件签发国家（protocolOptions.expeditorCountry）。',
    'configuration.document-type-code': ({ documentType }: { documentType: string }) =>
      `validation-v2 协议需要 ${documentType} 的 API 代码（protocolOptions.documentTypeCodes）。`,
    'not-an-image': '此文件不是我们能读取的照片。',
    'too-small': '这张照片太小，无法看清细节。',
    'too-large': '此文件太大。',
    damaged: '此照片文件已损坏，无法打开。',
    'unsupported-format': ({ format }: { format: string }) =>
      `此浏览器无法打开 ${format} 格式的照片。`,
    'encode-failed': '无法处理这张照片。',
    'encode-failed.no-picture': '还没有可处理的画面。',
    'encode-failed.no-jpeg': '此浏览器无法生成 JPEG 图像。',
    'unsupported-image': ({ detail }: { detail: string }) => `无法发送这张照片：${detail}`,
    'missing-document-type': ({ step }: { step: string }) => `${step} 图像需要指定证件类型。`,
    'configuration.image-names': ({ detail }: { detail: string }) =>
      `无法使用 session-v1 图像名称（protocolOptions.imageNames）：${detail}`,
    'session-v1.unknown-missing-images': ({ names }: { names: readonly string[] }) =>
      names.length
        ? `验证服务要求提供此页面不认识的照片（${list.format(names)}）。`
        : '验证服务尚未完成，但没有说明需要哪张照片。',
    'link-kyc.verification-error': '验证服务处理这些照片时出现问题。请重试。',
    'link-kyc.nothing-to-send': '没有可发送的证件照片：link-kyc 至少需要正面照片。',
    'validation-v2.already-completed': '此验证已完成。',
    'validation-v2.attempts-exhausted': '此验证已没有剩余的尝试次数。',
    'validation-v2.platform-error': '验证服务出现问题。请重试。',
    'validation-v2.request-closed': '此验证已关闭。',
    'validation-v2.document-type-not-supported': '此类验证不可用。',
    'validation-v2.profile-not-found': '未找到您已验证的人脸信息，因此无法继续此项检查。',
    'validation-v2.invalid-endeavor': '此验证链接无效。',
    'validation-v2.verification-error': '验证服务出现问题。请重试。',
    'validation-v2.incomplete-request': '此验证的设置缺少必要信息。',
    'validation-v2.document-expired':
      '您的证件已过期，因此无法被接受。请使用有效证件重新开始，或联系要求您进行验证的机构。',
    'validation-v2.invalid-data':
      '验证无法使用收到的信息，重新拍照也无济于事。请联系要求您进行验证的机构。',
  },
  errorSteps: {
    'camera.permission-denied': '请在浏览器的网站设置中允许访问摄像头，然后重试，或改为上传照片。',
    'camera.not-found': '请连接摄像头后重试，或改为上传照片。',
    'camera.in-use': '请关闭正在使用摄像头的其他应用或标签页，然后重试，或改为上传照片。',
    'camera.overconstrained': '请改为上传照片，或使用其他设备。',
    'camera.insecure-context': '请改为上传照片。',
    'camera.aborted': '请重试，或改为上传照片。',
    'camera.unsupported': '请改为上传照片，或在最新版本的浏览器中打开此页面。',
    'camera.track-ended': '请检查摄像头是否已连接、是否被其他应用占用，然后重试，或改为上传照片。',
    'camera.no-video': '请重试，或改为上传照片。',
    'camera.unknown': '请重试，或改为上传照片。',
    'not-an-image': '请选择 JPEG 或 PNG 格式的照片，或用摄像头拍照。',
    damaged: '请选择其他照片，或用摄像头拍照。',
    'unsupported-format': '请选择 JPEG 或 PNG 格式的照片，或用摄像头拍照。',
    'too-small': '请选择更清晰、更大的照片，或用摄像头拍照。',
    'too-large': ({ mb }: { mb: number }) => `请选择小于 ${mb} MB 的照片，或用摄像头拍照。`,
    'encode-failed': '请重试，或选择其他照片。',
  },
  tryAgain: '重试',
  cancel: '取消',
  cancelled: '验证已取消。',
  stepOf: (n: number, total: number) => `第 ${n} 步，共 ${total} 步`,
  attemptsLeft: (n: number) => (n === 0 ? '您已没有剩余的尝试机会。' : `您还有 ${n} 次尝试机会。`),
  resume: {
    notice: '页面已重新加载。我们保留了您的进度，您可以从上次离开的地方继续。',
    startOver: '重新开始',
  },
  nonVisual: {
    photoTaken: '照片已拍摄',
  },
};
