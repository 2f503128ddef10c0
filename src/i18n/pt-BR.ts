// The Portuguese (Brazil) catalog. It addresses the person as você, as Brazilian apps do, banks and
// government services (gov.br) included. Sentences avoid adjectives that would have to agree with
// the person's gender ("não se mexa", not "fique parado").
import type { Messages } from './en.js';

const plural = new Intl.PluralRules('pt-BR');
const list = new Intl.ListFormat('pt-BR', { type: 'conjunction' });

const stepTitles = {
  document_front: 'Frente do seu documento',
  document_back: 'Verso do seu documento',
  selfie: 'Selfie',
  liveness: 'Prova de vida',
} satisfies Messages['stepTitles'];

/** The photos a step leaves, as they are named inside a sentence. */
const photoNames: Readonly<Record<string, string>> = {
  document_front: 'a frente do documento',
  document_back: 'o verso do documento',
  selfie: 'a selfie',
};

/** A step's title; a code this catalog does not know is shown as it is. */
function stepTitle(step: string): string {
  return Object.hasOwn(stepTitles, step) ? stepTitles[step as keyof typeof stepTitles] : step;
}

/** "Não foi possível verificar sua selfie. Tire de novo.", naming what is to be retaken. */
function retakePhotos(steps: readonly string[]): string {
  if (steps.length === 1) {
    return steps[0] === 'selfie'
      ? 'Não foi possível verificar sua selfie. Tire de novo, por favor.'
      : 'Não foi possível verificar a foto do seu documento. Tire de novo, por favor.';
  }
  const names = steps.map((step) => photoNames[step]);
  if (steps.length === 0 || names.some((name) => name === undefined)) {
    return 'Não foi possível verificar estas fotos. Tire de novo, por favor.';
  }
  return `Não foi possível verificar estas fotos: ${list.format(names as string[])}. Tire de novo, por favor.`;
}

/** Every person-facing string of the elements, in Brazilian Portuguese (você). */
export const ptBR: Messages = {
  introTitle: 'Confirme sua identidade',
  introBody:
    'Vamos tirar uma foto do seu documento de identidade e uma selfie. Deixe o documento em mãos e procure um lugar bem iluminado.',
  consentLabel:
    'Concordo que as imagens do meu documento e do meu rosto sejam enviadas para a verificação de identidade.',
  documentTypeLegend: 'Qual documento você vai usar?',
  documentTypes: {
    passport: 'Passaporte',
    identity_card: 'Carteira de identidade',
    drivers_license: 'Carteira de motorista',
  },
  start: 'Começar',
  stepTitles,
  stepHints: {
    document_front: 'Posicione a frente do seu documento dentro da moldura e tire a foto.',
    document_back: 'Vire o documento e posicione o verso dentro da moldura.',
    selfie: 'Olhe para a câmera e mantenha o rosto dentro do oval.',
    liveness: 'Mantenha o rosto dentro do oval e siga as instruções.',
  },
  takePhoto: 'Tirar foto',
  quality: {
    no_document: 'Posicione o documento dentro da moldura',
    corners: 'Mostre os quatro cantos do documento',
    too_far: 'Chegue mais perto do documento',
    wrong_shape: 'Segure o documento reto, de frente para a câmera',
    dark: 'Mais luz, por favor',
    bright: 'Luz demais: saia da luz direta',
    low_contrast: 'Coloque o documento sobre uma superfície lisa e mais escura',
    glare: 'Reduza o reflexo: incline o documento para longe da luz',
    blur: 'Não se mexa: a imagem está borrada',
  },
  selfie: {
    no_face: 'Coloque o rosto dentro do oval',
    multiple_faces: 'Só um rosto, por favor: verifique se não há mais ninguém na imagem',
    face_too_small: 'Chegue mais perto da câmera',
    face_too_large: 'Afaste-se um pouco',
    face_off_center: 'Centralize o rosto no oval',
    face_angle: 'Olhe direto para a câmera, com a cabeça reta',
    blur: 'Não se mexa: a imagem está borrada',
    dark: 'Mais luz no rosto, por favor',
  },
  liveness: {
    tilt_left: 'Incline a cabeça em direção ao seu ombro esquerdo',
    tilt_right: 'Incline a cabeça em direção ao seu ombro direito',
    turn_left: 'Vire a cabeça para a sua esquerda',
    turn_right: 'Vire a cabeça para a sua direita',
    closer: 'Aproxime o rosto da câmera',
    back: 'Afaste o rosto da câmera',
    look_straight: 'Olhe direto para a câmera',
    holdStill: 'Olhe para a câmera e não se mexa',
    hold: 'Continue assim…',
    done: 'Pronto',
    timed_out: 'O tempo para este movimento acabou. Tente de novo quando quiser.',
    movementOf: (index: number, count: number) => `Movimento ${index} de ${count}`,
  },
  loadingFaceCheck: 'Preparando a verificação do rosto…',
  holdStill: 'Não se mexa…',
  manualHint: 'Está com dificuldade? Use o botão abaixo para tirar a foto.',
  switchCamera: 'Trocar de câmera',
  torchOn: 'Ligar a lanterna',
  torchOff: 'Desligar a lanterna',
  uploadInstead: 'Enviar uma foto',
  startingCamera: 'Abrindo a câmera…',
  inAppCamera: {
    'permission-denied':
      'Este aplicativo não permitiu o acesso à câmera. Em vez disso, você pode enviar uma foto.',
    unsupported:
      'Este aplicativo não consegue abrir a câmera aqui. Em vez disso, você pode enviar uma foto.',
    'insecure-context':
      'Este aplicativo não consegue abrir a câmera aqui. Em vez disso, você pode enviar uma foto.',
    'no-video':
      'Este aplicativo não mostra a imagem da câmera. Em vez disso, você pode enviar uma foto.',
  },
  cameraPaused: 'A câmera fica pausada enquanto esta página está oculta.',
  reviewTitle: 'Confira sua foto',
  reviewBody: 'Verifique se todo o texto está legível, sem reflexos e sem nenhuma parte cortada.',
  portraitMissing:
    'Não conseguimos ver a foto do seu rosto no documento. Verifique se ela não está coberta ou escondida por reflexos, ou tire a foto de novo.',
  reviewImageAlt: 'A foto que você acabou de tirar',
  usePhoto: 'Usar esta foto',
  retake: 'Tirar de novo',
  uploading: 'Enviando sua foto com segurança…',
  feedbackTitle: 'Tire esta foto de novo, por favor',
  feedback: {
    ok: 'A foto foi aceita.',
    blurry: 'A foto está borrada: não se mexa e deixe a câmera focar.',
    glare: 'Há reflexo no documento: incline-o para longe da luz.',
    too_dark: 'A foto está escura demais: vá para um lugar mais iluminado.',
    too_bright: 'A foto está clara demais: saia da luz direta.',
    document_not_found:
      'Nenhum documento foi encontrado: coloque o documento inteiro dentro da moldura.',
    corners_not_visible:
      'Alguns cantos ficaram cortados: mantenha os quatro cantos dentro da moldura.',
    wrong_side: 'Este é o outro lado do documento: vire-o.',
    face_not_found:
      'Nenhum rosto foi encontrado: olhe direto para a câmera, com o rosto descoberto.',
    multiple_faces: 'Há mais de um rosto visível: verifique se só você aparece na imagem.',
    image_too_small: 'A foto é pequena demais: aproxime a câmera.',
    'link-kyc.not_processed':
      'Não foi possível ler seu documento. Tire as fotos de novo: o documento inteiro na moldura, nítido e sem reflexos.',
    'link-kyc.sides_mismatch':
      'As fotos da frente e do verso são de documentos diferentes. Tire de novo a foto do verso do mesmo documento.',
    'link-kyc.sides_mismatch_both':
      'As fotos da frente e do verso continuam sendo de documentos diferentes. Tire de novo os dois lados de um mesmo documento.',
    'link-kyc.document.GLARE': 'Havia reflexo no documento: incline-o para longe da luz.',
    'link-kyc.document.INCOMPLETE_DOCUMENT':
      'Falta um lado do documento: fotografe todos os lados.',
    'link-kyc.document.NOT_VISIBLE_FOUR_CORNERS':
      'Os quatro cantos do documento precisam estar visíveis, sem nada cobrindo.',
    'link-kyc.document.NOT_VISIBLE_SECURITY_FEATURES':
      'Partes do documento estavam cobertas: mantenha dedos e objetos longe dele.',
    'link-kyc.document.OUT_OF_FOCUS':
      'A foto do documento estava borrada: não se mexa e deixe a câmera focar.',
    'link-kyc.document.POOR_CONTRAST':
      'O documento estava difícil de ler: coloque-o sobre uma superfície lisa e mais escura.',
    'link-kyc.document.POOR_EXPOSURE':
      'A foto do documento estava escura ou clara demais: procure uma luz uniforme.',
    'link-kyc.document.UNCLASSIFIED_DOCUMENT':
      'Este documento não é aceito: use outro documento de identidade, por favor.',
    'link-kyc.document.UNREADABLE_FIELD':
      'Não foi possível ler parte do texto: mantenha o documento inteiro nítido e descoberto.',
    'link-kyc.document.UNSUPPORTED_LANGUAGE':
      'Documentos neste idioma não são aceitos: use outro documento, por favor.',
    'link-kyc.face.MISSING_SELFIE': 'Falta a selfie: tire uma, por favor.',
    'link-kyc.face.MISSING_PORTRAIT':
      'A foto do seu documento não estava visível: fotografe o lado que tem a sua foto.',
    'link-kyc.face.NOT_HUMAN_FACE':
      'Nenhum rosto foi encontrado no documento: fotografe o lado que tem a sua foto.',
    'link-kyc.face.PARTIALLY_VISIBLE_HUMAN_FACE':
      'Seu rosto estava só parcialmente visível: mantenha o rosto inteiro dentro do oval.',
    'link-kyc.face.PORTRAIT_IS_FAKE':
      'Não foi possível aceitar a foto do seu documento: fotografe o documento original, não uma cópia nem uma tela.',
    'link-kyc.face.SELFIE_NOT_LIVE': 'Tire uma selfie na hora, por favor, não a foto de uma foto.',
    'link-kyc.face.OUT_OF_FOCUS': 'Sua selfie estava borrada: não se mexa e deixe a câmera focar.',
    'link-kyc.face.POOR_CONTRAST':
      'Seu rosto estava difícil de distinguir: fique na frente de um fundo liso.',
    'link-kyc.face.POOR_EXPOSURE':
      'Sua selfie estava escura ou clara demais: fique de frente para uma luz uniforme.',
    'link-kyc.face.GLARE': 'Havia reflexo na sua selfie: saia da luz direta.',
    'link-kyc.face.FACE_TOO_CLOSE_SELFIE_IMAGE': 'Você estava perto demais: afaste-se um pouco.',
    'link-kyc.face.FACE_TOO_FAR_SELFIE_IMAGE':
      'Você estava longe demais: chegue mais perto da câmera.',
    'link-kyc.face.FACE_ANGLE_TOO_LARGE_SELFIE_IMAGE':
      'Olhe direto para a câmera, com a cabeça reta.',
    'link-kyc.face.QUALITY_TOO_LOW_SELFIE_IMAGE':
      'A selfie não ficou nítida o suficiente: procure uma boa luz e não se mexa.',
    'link-kyc.face.TOO_MANY_FACES_SELFIE_IMAGE':
      'Havia mais de um rosto visível: verifique se só você aparece na imagem.',
    'validation-v2.verification_failed': ({ steps }: { steps: readonly string[] }) =>
      retakePhotos(steps),
    'validation-v2.face-image-empty': 'A selfie estava vazia: tire de novo, por favor.',
    'validation-v2.no-face':
      'Nenhum rosto foi encontrado: olhe direto para a câmera, com o rosto descoberto.',
    'validation-v2.multiple-faces':
      'Há mais de um rosto visível: verifique se só você aparece na imagem.',
    'validation-v2.face-not-usable':
      'Não foi possível encontrar seu rosto na selfie: tire de novo, só com você na imagem.',
    'validation-v2.face-image-required': 'Falta a selfie: tire de novo, por favor.',
  },
  feedbackUnknown: 'Não foi possível usar a foto: tire de novo, por favor.',
  done: 'Tudo pronto',
  doneBody: 'Obrigado. Recebemos suas fotos.',
  errorTitle: 'Algo deu errado',
  errors: {
    unknown: 'Aconteceu algo inesperado. Tente de novo.',
    'camera.permission-denied': 'O acesso à câmera foi bloqueado.',
    'camera.not-found': 'Nenhuma câmera foi encontrada neste dispositivo.',
    'camera.in-use': 'Sua câmera está sendo usada por outro aplicativo.',
    'camera.overconstrained': 'Sua câmera não consegue tirar fotos no formato necessário.',
    'camera.insecure-context':
      'A câmera não está disponível nesta página porque a conexão não é segura.',
    'camera.aborted': 'Não foi possível iniciar a câmera.',
    'camera.unsupported': 'Este navegador não consegue usar a câmera.',
    'camera.track-ended': 'A câmera parou.',
    'camera.not-live': 'A câmera ainda não está pronta.',
    'camera.no-video': 'A câmera foi iniciada, mas não mostra nenhuma imagem.',
    'camera.unknown': 'Algo deu errado com a câmera.',
    'http-error': ({ status, serverCode }: { status: number; serverCode: string }) =>
      `O servidor respondeu com o código ${status}${serverCode ? ` (${serverCode})` : ''}.`,
    'network-error': 'A conexão com o servidor falhou. Verifique sua conexão e tente de novo.',
    'network-error.module-load':
      'Não foi possível carregar o módulo de verificação. Verifique sua conexão.',
    timeout: 'O servidor demorou demais para responder. Tente de novo.',
    'timeout.token-renewal':
      'A renovação desta verificação demorou demais. Sua foto foi mantida: tente de novo.',
    'network-error.offline':
      'Você está sem conexão. Sua foto foi mantida e será enviada assim que a conexão voltar.',
    'upload-too-large':
      'Esta foto é grande demais para o serviço de verificação, mesmo reduzida. Tire de novo, por favor.',
    'configuration.api-base': ({ apiBase }: { apiBase: string }) =>
      `O endereço do servidor (api-base) precisa começar com https: ou estar neste dispositivo (localhost); “${apiBase}” não é nenhum dos dois.`,
    'token-expired': 'Este link de verificação expirou. Comece de novo.',
    // The checks word `detail` in English only; it is shown as they give it.
    'bad-response': ({ detail }: { detail: string }) => detail,
    aborted: 'A solicitação foi cancelada.',
    configuration: ({ detail }: { detail: string }) => detail,
    'configuration.incomplete-link':
      'Este link de verificação está incompleto: falta a sessão ou o token dela.',
    'configuration.unknown-protocol': ({ protocol }: { protocol: string }) =>
      `Protocolo desconhecido: “${protocol}”.`,
    'configuration.client-id': 'O protocolo idv-sdk precisa do ID do cliente (client-id).',
    'configuration.idv-sdk-path': ({ operation }: { operation: string }) =>
      `O caminho do idv-sdk para “${operation}” precisa ser uma operação conhecida e um caminho relativo a api-base (protocolOptions.paths).`,
    'configuration.idv-sdk-document-type': ({ documentType }: { documentType: string }) =>
      `O tipo de documento do idv-sdk configurado para “${documentType}” não é um valor que possa ser enviado (protocolOptions.idvDocumentTypes).`,
    'configuration.idv-sdk-position':
      'O protocolo idv-sdk envia a posição da pessoa com cada foto: ative a geolocalização ou defina location.',
    'idv-sdk.position-unavailable':
      'Esta verificação precisa da sua localização. Permita o acesso à localização para esta página e tente de novo.',
    'configuration.expeditor-country':
      'O protocolo link-kyc precisa do país emissor (protocolOptions.expeditorCountry).',
    'configuration.document-type-code': ({ documentType }: { documentType: string }) =>
      `O protocolo validation-v2 precisa do código da API para ${documentType} (protocolOptions.documentTypeCodes).`,
    'not-an-image': 'Este arquivo não é uma foto que conseguimos ler.',
    'too-small': 'Esta foto é pequena demais para que os detalhes possam ser lidos.',
    'too-large': 'Este arquivo é grande demais.',
    damaged: 'Este arquivo de foto está danificado e não pode ser aberto.',
    'unsupported-format': ({ format }: { format: string }) =>
      `Este navegador não consegue abrir fotos em ${format}.`,
    'encode-failed': 'Não foi possível processar a foto.',
    'encode-failed.no-picture': 'Ainda não há nenhuma imagem para processar.',
    'encode-failed.no-jpeg': 'Este navegador não consegue criar imagens JPEG.',
    'unsupported-image': ({ detail }: { detail: string }) =>
      `Não é possível enviar a foto: ${detail}`,
    'missing-document-type': ({ step }: { step: string }) =>
      `A imagem “${stepTitle(step)}” precisa de um tipo de documento.`,
    'configuration.image-names': ({ detail }: { detail: string }) =>
      `Os nomes de imagem do session-v1 (protocolOptions.imageNames) não podem ser usados: ${detail}`,
    'session-v1.unknown-missing-images': ({ names }: { names: readonly string[] }) =>
      names.length
        ? `O serviço de verificação pede fotos que esta página não conhece (${list.format(names)}).`
        : 'O serviço de verificação não terminou, mas não diz de qual foto precisa.',
    'link-kyc.verification-error':
      'O serviço de verificação teve um problema com estas fotos. Tente de novo.',
    'link-kyc.nothing-to-send':
      'Não há foto do documento para enviar: o link-kyc precisa pelo menos da frente.',
    'validation-v2.already-completed': 'Esta verificação já foi concluída.',
    'validation-v2.attempts-exhausted': 'Não há mais tentativas para esta verificação.',
    'validation-v2.platform-error': 'O serviço de verificação teve um problema. Tente de novo.',
    'validation-v2.request-closed': 'Esta verificação foi encerrada.',
    'validation-v2.document-type-not-supported': 'Este tipo de verificação não está disponível.',
    'validation-v2.profile-not-found':
      'Não encontramos um rosto verificado seu, então esta verificação não pode continuar.',
    'validation-v2.invalid-endeavor': 'Este link de verificação não é válido.',
    'validation-v2.verification-error': 'O serviço de verificação teve um problema. Tente de novo.',
    'validation-v2.incomplete-request':
      'Esta verificação não foi configurada com tudo de que precisa.',
    'validation-v2.document-expired':
      'Seu documento está vencido e não pode ser aceito. Comece de novo com um documento válido ou entre em contato com o serviço que pediu a verificação.',
    'validation-v2.invalid-data':
      'A verificação não conseguiu usar as informações recebidas, e uma nova foto não vai mudar isso. Entre em contato com o serviço que pediu a verificação.',
  },
  errorSteps: {
    'camera.permission-denied':
      'Permita o acesso à câmera nas configurações do site no navegador e tente de novo, ou envie uma foto.',
    'camera.not-found': 'Conecte uma câmera e tente de novo, ou envie uma foto.',
    'camera.in-use':
      'Feche outros aplicativos ou abas que usam a câmera e tente de novo, ou envie uma foto.',
    'camera.overconstrained': 'Envie uma foto ou use outro dispositivo.',
    'camera.insecure-context': 'Envie uma foto.',
    'camera.aborted': 'Tente de novo ou envie uma foto.',
    'camera.unsupported': 'Envie uma foto ou abra esta página em um navegador atualizado.',
    'camera.track-ended':
      'Verifique se a câmera está conectada e se nenhum outro aplicativo a está usando; depois tente de novo ou envie uma foto.',
    'camera.no-video': 'Tente de novo ou envie uma foto.',
    'camera.unknown': 'Tente de novo ou envie uma foto.',
    'not-an-image': 'Escolha uma foto JPEG ou PNG, ou tire a foto com a câmera.',
    damaged: 'Escolha outra foto ou tire a foto com a câmera.',
    'unsupported-format': 'Escolha uma foto JPEG ou PNG, ou tire a foto com a câmera.',
    'too-small': 'Escolha uma foto maior e mais nítida, ou tire a foto com a câmera.',
    'too-large': ({ mb }: { mb: number }) =>
      `Escolha uma foto com menos de ${mb} MB, ou tire a foto com a câmera.`,
    'encode-failed': 'Tente de novo ou escolha outra foto.',
  },
  tryAgain: 'Tentar de novo',
  cancel: 'Cancelar',
  cancelled: 'Verificação cancelada.',
  stepOf: (n: number, total: number) => `Etapa ${n} de ${total}`,
  // Portuguese counts 0 as singular ("0 tentativa"), so no attempts left gets its own sentence.
  attemptsLeft: (n: number) => {
    if (n === 0) return 'Você não tem mais tentativas.';
    return plural.select(n) === 'one'
      ? `Você ainda tem ${n} tentativa.`
      : `Você ainda tem ${n} tentativas.`;
  },
  resume: {
    notice:
      'A página foi recarregada. Guardamos seu progresso, então você pode continuar de onde parou.',
    startOver: 'Começar de novo',
  },
  nonVisual: {
    photoTaken: 'Foto tirada',
  },
};
