import type { Lang } from '../../core/deployment.ts';
import { escapeHtml, SafeHtml } from '../../core/html.ts';
import type { Gender, IncidentType, OnlineKind, PersonRole } from '../intake.schema.ts';
import type { IDENTIFIER_KINDS, REPORTER_RELATIONSHIPS } from '../intake.schema.ts';

/**
 * The form's fields as dotted paths of the tip model, with `#` standing for a position in a list
 * (`persons.#.identifiers.#.value` names `persons.1.identifiers.0.value`).
 */
export const FIELD_KEYS = [
  'incident.type',
  'incident.description',
  'incident.occurredOn',
  'incident.escalationReason',
  'location.address',
  'location.city',
  'location.state',
  'location.zip',
  'location.details',
  'online.#.kind',
  'online.#.platform',
  'online.#.identifier',
  'online.#.details',
  'children.#.name',
  'children.#.description',
  'children.#.approximateAge',
  'children.#.gender',
  'children.#.missing',
  'children.#.school',
  'children.#.currentLocation',
  'persons.#.role',
  'persons.#.name',
  'persons.#.description',
  'persons.#.approximateAge',
  'persons.#.identifiers.#.kind',
  'persons.#.identifiers.#.value',
  'persons.#.vehicle.make',
  'persons.#.vehicle.model',
  'persons.#.vehicle.colour',
  'persons.#.vehicle.plate',
  'persons.#.vehicle.plateState',
  'reporter.anonymous',
  'reporter.name',
  'reporter.email',
  'reporter.phone',
  'reporter.relationship',
  'reporter.consentToContact',
  'additionalInfo',
] as const;

export type FieldKey = (typeof FIELD_KEYS)[number];
type Relationship = (typeof REPORTER_RELATIONSHIPS)[number];
type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];
/** Lists in the model, each with the word for one of its items. */
type Group = 'online' | 'children' | 'persons' | 'identifiers';
/** Paths that are not a single control but can still carry an error, such as "not actionable" on `location`. */
type Area = 'location' | 'online' | 'children' | 'persons' | 'persons.#.identifiers' | 'reporter';

/** `persons.1.identifiers.0.value` → `persons.#.identifiers.#.value`. */
export function keyOf(path: string): string {
  return path.replace(/\.\d+(?=\.|$)/g, '.#');
}

export function fieldKey(path: string): FieldKey | undefined {
  const key = keyOf(path);
  return (FIELD_KEYS as readonly string[]).includes(key) ? (key as FieldKey) : undefined;
}

const en = {
  /** How dates are written for the reader. */
  dateLocale: 'en-US',
  layout: {
    skipLink: 'Skip to main content',
    bannerLabel: 'Official website of the United States government',
    bannerText: 'An official website of the United States government',
    bannerAction: 'Here’s how you know',
    bannerDomainHeading: 'Official websites use .gov',
    bannerDomainText: 'A .gov website belongs to an official government organization in the United States.',
    bannerHttpsHeading: 'Secure .gov websites use HTTPS',
    bannerHttpsText:
      'A lock or https:// means you’ve safely connected to the .gov website. Share sensitive information only on official, secure websites.',
    emergencyLabel: 'Emergency',
    emergency: 'If a child is in danger right now, call {number}.',
    navLabel: 'Main',
    navReport: 'Report a concern',
    navLearn: 'Signs and what to do',
    navCourses: 'Courses',
    navStats: 'Tips in figures',
    switchLabel: 'Language',
    footerHeading: 'Get help or share information',
    footerHotline: 'Call {org}: {hotline}',
    footerTipline: 'National tipline: {tipline}',
    footerEmergency: 'Emergency: call {number}',
  },
  report: {
    title: 'Report a concern about a child',
    errorTitlePrefix: 'Error: ',
    intro:
      'Use this form to tell us about a child who may be a victim of sex trafficking or sexual exploitation. What you send goes to trained staff at {org}.',
    noProof: 'You do not need proof, and you do not need to be sure. Tell us what you know.',
    anonymousNote:
      'You can stay anonymous: you do not have to give your name or any way to reach you. You choose on the “About you” step.',
    anonymousHint: 'You can stay anonymous: you do not have to give your name or any way to reach you.',
    emergencyNote: 'If a child is in danger right now, do not use this form: call {number}.',
    requiredNote:
      'Only the description of what happened is required. It is marked with an asterisk ({mark}). So that we can act, please also tell us at least one of these: where it happened, an online name, number or address, or what a child looks like.',
    requiredAbbr: 'required',
    errorHeading: 'There is a problem',
    errorIntro: 'Please check these answers:',
    steps: {
      what: 'What happened',
      where: 'Where it happened',
      children: 'The child or children',
      persons: 'The person or people involved',
      you: 'About you',
      review: 'Review and send',
    },
    stepProgressLabel: 'Progress through the form',
    stepWord: 'Step',
    stepOf: 'of {total}',
    stepCompleted: 'completed',
    stepNotCompleted: 'not completed',
    saveNote: 'Nothing is sent until you choose “Send report” on the last step.',
    locationLegend: 'A place',
    locationHint: 'Fill in whatever you know. A city or a description of the place is enough.',
    onlineLegend: 'Online or by phone',
    onlineHint:
      'If any of it happened online or by phone, tell us where: a website, an app, an email address, a username or a phone number. Leave this blank if it did not.',
    childrenHint: 'Fill in whatever you know about each child. A description helps as much as a name.',
    personsHint:
      'Tell us about anyone you are worried about: someone who may be selling or controlling a child, someone who may be paying for sex with a child, or anyone else involved. If you do not know, continue to the next step.',
    identifiersLegend: 'Phone numbers, email addresses, usernames or websites this person uses',
    vehicleLegend: 'A vehicle this person uses',
    blankGroupNote: 'A section you leave blank is left out of the report.',
    reporterLegend: 'About you',
    additionalLegend: 'Anything else',
    chooseOne: '- Select -',
    anonymousYes: 'Yes, I want to stay anonymous',
    anonymousNo: 'No, you can know who I am',
    consentCheckbox: 'Staff at {org} may contact me about this report.',
    missingYes: 'Yes',
    missingNo: 'No',
    missingUnknown: 'I don’t know',
    next: 'Continue',
    back: 'Back',
    submit: 'Send report',
    change: 'Change',
    addOnline: 'Add another online place',
    addChild: 'Add another child',
    addPerson: 'Add another person',
    addIdentifier: 'Add another way to identify this person',
    reviewIntro: 'Please check your answers. You can change any of them before you send the report.',
    reviewEmpty: 'No answers here.',
    yes: 'Yes',
    no: 'No',
    privacy:
      'We keep what you send secure. Staff share it only with the agencies that can act to protect the child, such as police or child protection services in the right area.',
  },
  groups: {
    online: 'Online place {n}',
    children: 'Child {n}',
    persons: 'Person {n}',
    identifiers: 'identifier {n}',
  } satisfies Record<Group, string>,
  areas: {
    location: 'Where it happened',
    online: 'Online places',
    children: 'Children',
    persons: 'People involved',
    'persons.#.identifiers': 'Ways to identify this person',
    reporter: 'About you',
  } satisfies Record<Area, string>,
  hints: {
    'incident.type': '',
    'incident.description':
      'In your own words, tell us what you saw or heard. Details help us act: who was there and what they looked like, what they said or did, vehicles and license plates, phone numbers, and any usernames, websites or apps.',
    'incident.occurredOn': 'If you are not sure of the date, your best guess is fine.',
    'incident.escalationReason':
      'For example: the child is expected to be moved or taken somewhere soon. If a child is in danger right now, call for help instead of waiting.',
    'location.address': '',
    'location.city': '',
    'location.state': '',
    'location.zip': 'For example: 12345',
    'location.details': 'Describe the place: for example a motel name and room number, a business or a landmark.',
    'online.#.kind': '',
    'online.#.platform': 'For example the name of the website, app or game.',
    'online.#.identifier': 'The web address, username, email address or phone number.',
    'online.#.details': 'What happened there, and when, if you know.',
    'children.#.name': 'Only if you know it. A nickname or an online name helps too.',
    'children.#.description':
      'How the child looks, what they were wearing, their hair, any tattoos or marks: anything that could help find and identify them.',
    'children.#.approximateAge': 'Your best guess is fine.',
    'children.#.gender': '',
    'children.#.missing': '',
    'children.#.school': '',
    'children.#.currentLocation': 'Where you think the child is now, if you know.',
    'persons.#.role': '',
    'persons.#.name': 'A real name, a nickname or a name they use online.',
    'persons.#.description': 'What they look like, how they act, where they are often seen.',
    'persons.#.approximateAge': 'Your best guess is fine.',
    'persons.#.identifiers.#.kind': '',
    'persons.#.identifiers.#.value': '',
    'persons.#.vehicle.make': 'For example: Ford',
    'persons.#.vehicle.model': 'For example: Explorer',
    'persons.#.vehicle.colour': '',
    'persons.#.vehicle.plate': 'All or part of it.',
    'persons.#.vehicle.plateState': '',
    'reporter.anonymous':
      'You can report without telling us who you are. If you do, we will have no way to contact you with questions, so please put everything you know in the report.',
    'reporter.name': 'Leave your name, email and phone blank if you want to stay anonymous.',
    'reporter.email': '',
    'reporter.phone': '',
    'reporter.relationship': '',
    'reporter.consentToContact': '',
    additionalInfo: 'Anything you have not told us yet that could help.',
  } satisfies Record<FieldKey, string>,
  fields: {
    'incident.type': 'Type of concern',
    'incident.description': 'What you saw or heard',
    'incident.occurredOn': 'Date it happened',
    'incident.escalationReason': 'If you think a child may be harmed very soon, tell us why',
    'location.address': 'Street address',
    'location.city': 'City or town',
    'location.state': 'State or territory',
    'location.zip': 'ZIP code',
    'location.details': 'More about the place',
    'online.#.kind': 'Kind of place',
    'online.#.platform': 'Name of the site or app',
    'online.#.identifier': 'Address, username or number',
    'online.#.details': 'What happened there',
    'children.#.name': 'Child’s name',
    'children.#.description': 'What the child looks like',
    'children.#.approximateAge': 'Approximate age',
    'children.#.gender': 'Gender',
    'children.#.missing': 'Is the child missing from home or care?',
    'children.#.school': 'School',
    'children.#.currentLocation': 'Where the child is now',
    'persons.#.role': 'Why you are worried about this person',
    'persons.#.name': 'Name',
    'persons.#.description': 'What the person looks like',
    'persons.#.approximateAge': 'Approximate age',
    'persons.#.identifiers.#.kind': 'Kind',
    'persons.#.identifiers.#.value': 'Number, address or username',
    'persons.#.vehicle.make': 'Make',
    'persons.#.vehicle.model': 'Model',
    'persons.#.vehicle.colour': 'Color',
    'persons.#.vehicle.plate': 'License plate',
    'persons.#.vehicle.plateState': 'State of the license plate',
    'reporter.anonymous': 'Stay anonymous',
    'reporter.name': 'Your name',
    'reporter.email': 'Your email address',
    'reporter.phone': 'Your phone number',
    'reporter.relationship': 'How you know the child',
    'reporter.consentToContact': 'Permission to contact you',
    additionalInfo: 'Anything else you want us to know',
  } satisfies Record<FieldKey, string>,
  unknownField: 'Your report',
  incidentTypes: {
    child_sex_trafficking: 'Child sex trafficking',
    child_sex_tourism: 'Sexual exploitation of children during travel (child sex tourism)',
    online_enticement: 'An adult using the internet to draw a child into sexual contact',
    other: 'Something else',
  } satisfies Record<IncidentType, string>,
  onlineKinds: {
    web_page: 'A website or web page',
    chat: 'A chat or messaging app',
    email: 'Email',
    social_platform: 'A social media profile or post',
    phone_text: 'A phone call or text messages',
    other: 'Somewhere else online',
  } satisfies Record<OnlineKind, string>,
  personRoles: {
    trafficker: 'They may be selling or controlling a child',
    buyer: 'They may be paying for sex with a child',
    other: 'They are involved in another way, or I am not sure',
  } satisfies Record<PersonRole, string>,
  identifierKinds: {
    phone: 'Phone number',
    email: 'Email address',
    username: 'Username or online name',
    url: 'Website or profile address',
    other: 'Something else',
  } satisfies Record<IdentifierKind, string>,
  genders: {
    female: 'Female',
    male: 'Male',
    transgender: 'Transgender',
    nonbinary: 'Nonbinary',
    unknown: 'I don’t know',
  } satisfies Record<Gender, string>,
  relationships: {
    family: 'Family member',
    friend: 'Friend',
    professional: 'Through my work (teacher, nurse, social worker, foster parent…)',
    neighbour: 'Neighbor',
    self: 'This is about me',
    other: 'Other',
  } satisfies Record<Relationship, string>,
  received: {
    title: 'Report received',
    heading: 'Thank you. We received your report.',
    referenceLabel: 'Your reference number',
    referenceKeep: 'Please write it down or keep this page. You will need it if you contact us about this report.',
    nextHeading: 'What happens next',
    next: [
      'Trained staff at {org} will read your report carefully.',
      'When it is needed to protect a child, they pass it on to the police or child protection services in the right area.',
      'If you gave your contact details and agreed to be contacted, someone may get in touch with you. If you stayed anonymous, we cannot reach you.',
    ],
    moreHeading: 'If you learn more',
    moreHotline: 'Call {org} at {hotline} and give your reference number.',
    moreTipline: 'You can also contact the national tipline: {tipline}.',
    emergency: 'If a child is in danger right now, call {number}.',
    another: 'Make another report',
    sharedDevice: 'If other people use this device, you may want to close this window when you are done.',
  },
  learn: {
    title: 'Child sex trafficking: signs and what to do',
    intro:
      'Anyone who spends time with children can help protect them: teachers, nurses, coaches, neighbors, foster parents and family. This page explains what child sex trafficking is, what you might notice, and what to do next.',
    whatHeading: 'What child sex trafficking is',
    what: [
      'When anyone under 18 is offered, advertised or used for a sex act in exchange for something of value, it is child sex trafficking. That value can be money, but also drugs, food, a ride, or a place to sleep. It is a form of child abuse, and a child can never agree to it.',
      'The person who profits can be anyone: a parent or other relative, a foster parent, a gang, a boyfriend or girlfriend, or another adult the child trusts. Sometimes there is no one in the middle at all, and the buyer takes advantage of what the child needs. A young person who has run away, for example, may be offered food or a bed in exchange for sex.',
      'It happens in big cities, small towns and on tribal land. It happens to girls, boys and transgender children. Many victims are still living at home and going to school. Young people who are homeless, including those pushed out of home because of who they are or who they love, face a higher risk.',
    ],
    faultHeading: 'It is never the child’s fault',
    fault: [
      'Many children who are trafficked do not see themselves as victims. Fear, shame, manipulation and loyalty to the person hurting them can keep them silent, and some will defend that person or blame themselves.',
      'A child should not have to ask for help. It is up to the adults around them to notice, to stay patient and respectful, and to make sure the child gets support.',
      'We say “victim” because a crime was committed against the child, and “survivor” to honor their strength. Neither word should define who a person is.',
    ],
    signsHeading: 'Signs that should lead you to ask and to report',
    notChecklistHeading: 'These signs are not a checklist',
    notChecklist:
      'They are not an assessment tool and cannot prove anything. One sign on its own does not mean a child is being trafficked, and seeing none does not mean a child is safe. Use them as a reason to ask gentle questions, to connect the child with help, and to make a report.',
    physicalHeading: 'Things you might see',
    physical: [
      'injuries or other signs of physical or sexual abuse',
      'signs of neglect, such as a child who is not getting enough to eat',
      'health or dental problems that go untreated or keep coming back, including sexually transmitted infections',
      'an adult who stays unusually close and seems to control the child',
      'the child being found at places where commercial sex is known to happen, such as motels, truck stops, strip clubs or street “tracks”',
      'a phone the child keeps hidden, or apps that give them several phone numbers',
      'expensive things the child could not normally afford',
      'large amounts of condoms or lubricant',
      'living out of a suitcase, in a motel or in a car, or having no steady place to stay',
      'cash, prepaid cards or hotel room keys the child cannot explain',
      'tattoos or brands, for example of money signs or of names also seen on other victims, that the child does not want to talk about',
      'talk of trips to other cities or states while missing, or not knowing where they are',
      'depending on drugs, or often using drugs such as GHB, ketamine, MDMA (ecstasy) or methamphetamine',
    ],
    behaviourHeading: 'Changes in behavior you might notice',
    behaviour: [
      'running away again and again, especially three times or more',
      'missing school without an explanation',
      'often falling asleep in class',
      'dropping sports, clubs or other activities they used to enjoy',
      'suddenly cutting off family and friends',
      'big changes in how they act, including what they do online',
      'avoiding questions, or someone else answering for them',
      'seeming scared of, irritated by or hostile toward people in authority',
      'not wanting to give their real name or personal details, or having a secret online profile',
      'mentioning escort ads or dating websites and apps',
      'using words or emojis tied to commercial sex, such as “the life”, “the game” or “trick”',
    ],
    askHeading: 'If you are worried',
    ask: 'You do not have to investigate or be certain. If it feels safe, simple and open questions can help a child talk, for example:',
    questions: [
      'Do you have a safe place to stay tonight?',
      'Do you have what you need: food, sleep, someone to turn to?',
      'Is anyone making you do things you do not want to do?',
    ],
    askAfter:
      'Listen without judging and do not promise to keep a secret. Whatever the child says, or does not say, you can make a report.',
    doHeading: 'What to do',
    doEmergency: 'If a child is in danger right now, call {number}.',
    doReport: 'Tell {org}: {form} or call {hotline}.',
    doReportLink: 'report online',
    doTipline: 'You can also report to the national tipline: {tipline}.',
    doAnonymous: 'You do not need proof, and you can report without giving your name.',
  },
};

export type Messages = typeof en;

const es: Messages = {
  dateLocale: 'es-US',
  layout: {
    skipLink: 'Ir al contenido principal',
    bannerLabel: 'Un sitio oficial del Gobierno de Estados Unidos',
    bannerText: 'Un sitio oficial del Gobierno de Estados Unidos',
    bannerAction: 'Así es como usted puede verificarlo',
    bannerDomainHeading: 'Los sitios web oficiales usan .gov',
    bannerDomainText: 'Un sitio web .gov pertenece a una organización oficial del Gobierno de Estados Unidos.',
    bannerHttpsHeading: 'Los sitios web seguros .gov usan HTTPS',
    bannerHttpsText:
      'Un candado o https:// significa que usted se conectó de forma segura a un sitio web .gov. Comparta información sensible solo en sitios web oficiales y seguros.',
    emergencyLabel: 'Emergencia',
    emergency: 'Si un niño, niña o adolescente está en peligro en este momento, llame al {number}.',
    navLabel: 'Principal',
    navReport: 'Hacer un reporte',
    navLearn: 'Señales y qué hacer',
    navCourses: 'Cursos',
    navStats: 'Los avisos en cifras',
    switchLabel: 'Idioma',
    footerHeading: 'Pida ayuda o comparta información',
    footerHotline: 'Llame a {org}: {hotline}',
    footerTipline: 'Línea nacional de denuncias: {tipline}',
    footerEmergency: 'Emergencias: llame al {number}',
  },
  report: {
    title: 'Reporte una preocupación sobre un menor',
    errorTitlePrefix: 'Error: ',
    intro:
      'Use este formulario para contarnos sobre un niño, niña o adolescente que podría ser víctima de trata o explotación sexual. Lo que envíe llegará al personal capacitado de {org}.',
    noProof: 'No necesita pruebas ni estar seguro o segura. Cuéntenos lo que sabe.',
    anonymousNote:
      'Puede permanecer en el anonimato: no tiene que darnos su nombre ni una forma de contactarle. Lo decide en el paso «Sobre usted».',
    anonymousHint: 'Puede permanecer en el anonimato: no tiene que darnos su nombre ni una forma de contactarle.',
    emergencyNote: 'Si un menor está en peligro en este momento, no use este formulario: llame al {number}.',
    requiredNote:
      'Solo es obligatorio describir lo que pasó. Ese campo está marcado con un asterisco ({mark}). Para que podamos actuar, díganos también al menos una de estas cosas: dónde pasó, un nombre de usuario, número o dirección en internet, o cómo es el menor.',
    requiredAbbr: 'obligatorio',
    errorHeading: 'Hay un problema',
    errorIntro: 'Revise estas respuestas:',
    steps: {
      what: 'Qué pasó',
      where: 'Dónde pasó',
      children: 'El menor o los menores',
      persons: 'La persona o las personas involucradas',
      you: 'Sobre usted',
      review: 'Revisar y enviar',
    },
    stepProgressLabel: 'Avance en el formulario',
    stepWord: 'Paso',
    stepOf: 'de {total}',
    stepCompleted: 'completado',
    stepNotCompleted: 'sin completar',
    saveNote: 'No se envía nada hasta que elija «Enviar reporte» en el último paso.',
    locationLegend: 'Un lugar',
    locationHint: 'Complete lo que sepa. Basta con una ciudad o una descripción del lugar.',
    onlineLegend: 'En internet o por teléfono',
    onlineHint:
      'Si algo pasó en internet o por teléfono, díganos dónde: un sitio web, una aplicación, un correo electrónico, un nombre de usuario o un número de teléfono. Déjelo en blanco si no fue así.',
    childrenHint: 'Complete lo que sepa de cada menor. Una descripción ayuda tanto como un nombre.',
    personsHint:
      'Cuéntenos sobre cualquier persona que le preocupe: alguien que podría estar vendiendo o controlando a un menor, alguien que podría estar pagando por sexo con un menor, o cualquier otra persona involucrada. Si no lo sabe, continúe al siguiente paso.',
    identifiersLegend: 'Números de teléfono, correos, nombres de usuario o sitios web que usa esta persona',
    vehicleLegend: 'Un vehículo que usa esta persona',
    blankGroupNote: 'Una sección que deje en blanco no se incluye en el reporte.',
    reporterLegend: 'Sobre usted',
    additionalLegend: 'Algo más',
    chooseOne: '- Seleccione -',
    anonymousYes: 'Sí, quiero permanecer en el anonimato',
    anonymousNo: 'No, pueden saber quién soy',
    consentCheckbox: 'El personal de {org} puede comunicarse conmigo sobre este reporte.',
    missingYes: 'Sí',
    missingNo: 'No',
    missingUnknown: 'No lo sé',
    next: 'Continuar',
    back: 'Volver',
    submit: 'Enviar reporte',
    change: 'Cambiar',
    addOnline: 'Agregar otro lugar en internet',
    addChild: 'Agregar otro menor',
    addPerson: 'Agregar otra persona',
    addIdentifier: 'Agregar otra forma de identificar a esta persona',
    reviewIntro: 'Revise sus respuestas. Puede cambiar cualquiera antes de enviar el reporte.',
    reviewEmpty: 'Sin respuestas aquí.',
    yes: 'Sí',
    no: 'No',
    privacy:
      'Protegemos lo que usted nos envía. El personal solo lo comparte con las agencias que pueden actuar para proteger al menor, como la policía o los servicios de protección infantil de la zona.',
  },
  groups: {
    online: 'Lugar en internet {n}',
    children: 'Menor {n}',
    persons: 'Persona {n}',
    identifiers: 'identificador {n}',
  },
  areas: {
    location: 'Dónde pasó',
    online: 'Lugares en internet',
    children: 'Menores',
    persons: 'Personas involucradas',
    'persons.#.identifiers': 'Formas de identificar a esta persona',
    reporter: 'Sobre usted',
  },
  hints: {
    'incident.type': '',
    'incident.description':
      'Con sus propias palabras, cuéntenos lo que vio u oyó. Los detalles nos ayudan a actuar: quién estaba y cómo era, qué dijo o hizo, vehículos y placas, números de teléfono y cualquier nombre de usuario, sitio web o aplicación.',
    'incident.occurredOn': 'Si no está seguro o segura de la fecha, basta con una fecha aproximada.',
    'incident.escalationReason':
      'Por ejemplo: se espera que trasladen o lleven al menor a algún lugar pronto. Si un menor está en peligro en este momento, pida ayuda de inmediato en lugar de esperar.',
    'location.address': '',
    'location.city': '',
    'location.state': '',
    'location.zip': 'Por ejemplo: 12345',
    'location.details':
      'Describa el lugar: por ejemplo, el nombre de un motel y el número de habitación, un negocio o un punto de referencia.',
    'online.#.kind': '',
    'online.#.platform': 'Por ejemplo, el nombre del sitio web, la aplicación o el juego.',
    'online.#.identifier': 'La dirección web, el nombre de usuario, el correo electrónico o el número de teléfono.',
    'online.#.details': 'Qué pasó allí, y cuándo, si lo sabe.',
    'children.#.name': 'Solo si lo sabe. Un apodo o un nombre en internet también ayuda.',
    'children.#.description':
      'Cómo es el menor, qué ropa llevaba, su cabello, tatuajes o marcas: todo lo que pueda ayudar a encontrarlo e identificarlo.',
    'children.#.approximateAge': 'Basta con una edad aproximada.',
    'children.#.gender': '',
    'children.#.missing': '',
    'children.#.school': '',
    'children.#.currentLocation': 'Dónde cree que está el menor ahora, si lo sabe.',
    'persons.#.role': '',
    'persons.#.name': 'Un nombre real, un apodo o un nombre que usa en internet.',
    'persons.#.description': 'Cómo es, cómo se comporta, dónde se le ve con frecuencia.',
    'persons.#.approximateAge': 'Basta con una edad aproximada.',
    'persons.#.identifiers.#.kind': '',
    'persons.#.identifiers.#.value': '',
    'persons.#.vehicle.make': 'Por ejemplo: Ford',
    'persons.#.vehicle.model': 'Por ejemplo: Explorer',
    'persons.#.vehicle.colour': '',
    'persons.#.vehicle.plate': 'Completa o en parte.',
    'persons.#.vehicle.plateState': '',
    'reporter.anonymous':
      'Puede hacer un reporte sin decirnos quién es. En ese caso no podremos comunicarnos con usted si tenemos preguntas, así que incluya en el reporte todo lo que sepa.',
    'reporter.name': 'Deje en blanco su nombre, correo y teléfono si quiere permanecer en el anonimato.',
    'reporter.email': '',
    'reporter.phone': '',
    'reporter.relationship': '',
    'reporter.consentToContact': '',
    additionalInfo: 'Cualquier cosa que todavía no nos haya contado y que pueda ayudar.',
  },
  fields: {
    'incident.type': 'Tipo de preocupación',
    'incident.description': 'Lo que vio u oyó',
    'incident.occurredOn': 'Fecha en que pasó',
    'incident.escalationReason': 'Si cree que un menor podría sufrir daño muy pronto, díganos por qué',
    'location.address': 'Dirección',
    'location.city': 'Ciudad o pueblo',
    'location.state': 'Estado o territorio',
    'location.zip': 'Código postal',
    'location.details': 'Más detalles sobre el lugar',
    'online.#.kind': 'Tipo de lugar',
    'online.#.platform': 'Nombre del sitio o la aplicación',
    'online.#.identifier': 'Dirección, nombre de usuario o número',
    'online.#.details': 'Qué pasó allí',
    'children.#.name': 'Nombre del menor',
    'children.#.description': 'Cómo es el menor',
    'children.#.approximateAge': 'Edad aproximada',
    'children.#.gender': 'Género',
    'children.#.missing': '¿El menor está desaparecido de su hogar o de un centro de cuidado?',
    'children.#.school': 'Escuela',
    'children.#.currentLocation': 'Dónde está el menor ahora',
    'persons.#.role': 'Por qué le preocupa esta persona',
    'persons.#.name': 'Nombre',
    'persons.#.description': 'Cómo es la persona',
    'persons.#.approximateAge': 'Edad aproximada',
    'persons.#.identifiers.#.kind': 'Tipo',
    'persons.#.identifiers.#.value': 'Número, dirección o nombre de usuario',
    'persons.#.vehicle.make': 'Marca',
    'persons.#.vehicle.model': 'Modelo',
    'persons.#.vehicle.colour': 'Color',
    'persons.#.vehicle.plate': 'Placa',
    'persons.#.vehicle.plateState': 'Estado de la placa',
    'reporter.anonymous': 'Reporte anónimo',
    'reporter.name': 'Su nombre',
    'reporter.email': 'Su correo electrónico',
    'reporter.phone': 'Su número de teléfono',
    'reporter.relationship': 'Cómo conoce al menor',
    'reporter.consentToContact': 'Permiso para comunicarnos con usted',
    additionalInfo: 'Algo más que quiera contarnos',
  },
  unknownField: 'Su reporte',
  incidentTypes: {
    child_sex_trafficking: 'Trata sexual de menores',
    child_sex_tourism: 'Explotación sexual de menores en viajes (turismo sexual infantil)',
    online_enticement: 'Un adulto que usa internet para atraer a un menor a un contacto sexual',
    other: 'Otra cosa',
  },
  onlineKinds: {
    web_page: 'Un sitio o una página web',
    chat: 'Un chat o una aplicación de mensajería',
    email: 'Correo electrónico',
    social_platform: 'Un perfil o una publicación en redes sociales',
    phone_text: 'Una llamada o mensajes de texto',
    other: 'Otro lugar en internet',
  },
  personRoles: {
    trafficker: 'Podría estar vendiendo o controlando a un menor',
    buyer: 'Podría estar pagando por sexo con un menor',
    other: 'Está involucrada de otra forma, o no estoy seguro o segura',
  },
  identifierKinds: {
    phone: 'Número de teléfono',
    email: 'Correo electrónico',
    username: 'Nombre de usuario o nombre en internet',
    url: 'Dirección de un sitio web o perfil',
    other: 'Otra cosa',
  },
  genders: {
    female: 'Femenino',
    male: 'Masculino',
    transgender: 'Transgénero',
    nonbinary: 'No binario',
    unknown: 'No lo sé',
  },
  relationships: {
    family: 'Familiar',
    friend: 'Amistad',
    professional: 'Por mi trabajo (docente, enfermería, trabajo social, familia de acogida…)',
    neighbour: 'Vecino o vecina',
    self: 'Se trata de mí',
    other: 'Otra relación',
  },
  received: {
    title: 'Reporte recibido',
    heading: 'Gracias. Recibimos su reporte.',
    referenceLabel: 'Su número de referencia',
    referenceKeep: 'Anótelo o guarde esta página. Lo necesitará si se comunica con nosotros sobre este reporte.',
    nextHeading: 'Qué pasa ahora',
    next: [
      'El personal capacitado de {org} leerá su reporte con atención.',
      'Cuando sea necesario para proteger a un menor, lo enviará a la policía o a los servicios de protección infantil de la zona.',
      'Si nos dio sus datos y aceptó que lo contactemos, es posible que alguien se comunique con usted. Si hizo el reporte de forma anónima, no podremos comunicarnos con usted.',
    ],
    moreHeading: 'Si se entera de algo más',
    moreHotline: 'Llame a {org} al {hotline} y dé su número de referencia.',
    moreTipline: 'También puede comunicarse con la línea nacional de denuncias: {tipline}.',
    emergency: 'Si un niño, niña o adolescente está en peligro en este momento, llame al {number}.',
    another: 'Hacer otro reporte',
    sharedDevice: 'Si otras personas usan este dispositivo, quizás quiera cerrar esta ventana al terminar.',
  },
  learn: {
    title: 'Trata sexual de menores: señales y qué hacer',
    intro:
      'Todas las personas que pasan tiempo con niños, niñas y adolescentes pueden ayudar a protegerlos: docentes, personal de enfermería, entrenadores, vecinos, familias de acogida y familiares. Esta página explica qué es la trata sexual de menores, qué puede notar y qué hacer.',
    whatHeading: 'Qué es la trata sexual de menores',
    what: [
      'Cuando una persona menor de 18 años es ofrecida, anunciada o utilizada para un acto sexual a cambio de algo de valor, se trata de trata sexual de menores. Ese valor puede ser dinero, pero también drogas, comida, transporte o un lugar donde dormir. Es una forma de abuso infantil, y un menor nunca puede consentirlo.',
      'Quien se beneficia puede ser cualquier persona: la madre, el padre u otro familiar, una familia de acogida, una pandilla, una pareja o cualquier adulto en quien el menor confía. A veces no hay nadie en medio, y es el comprador quien se aprovecha de lo que el menor necesita. Por ejemplo, a un joven que se fue de su casa le pueden ofrecer comida o una cama a cambio de sexo.',
      'Ocurre en grandes ciudades, en pueblos pequeños y en tierras tribales. Les ocurre a niñas, a niños y a menores transgénero. Muchas víctimas siguen viviendo en casa y yendo a la escuela. Los jóvenes sin hogar, incluidos quienes fueron expulsados de casa por ser quienes son o por a quién aman, corren un riesgo mayor.',
    ],
    faultHeading: 'Nunca es culpa del menor',
    fault: [
      'Muchos menores víctimas de trata no se ven a sí mismos como víctimas. El miedo, la vergüenza, la manipulación y la lealtad hacia quien les hace daño pueden hacerlos callar, y algunos defienden a esa persona o se culpan a sí mismos.',
      'Un menor no debería tener que pedir ayuda. Les corresponde a los adultos que lo rodean darse cuenta, tener paciencia y respeto, y asegurarse de que reciba apoyo.',
      'Decimos «víctima» porque se cometió un delito contra el menor, y «sobreviviente» para reconocer su fortaleza. Ninguna de las dos palabras define quién es una persona.',
    ],
    signsHeading: 'Señales que deben llevarle a preguntar y a reportar',
    notChecklistHeading: 'Estas señales no son una lista de verificación',
    notChecklist:
      'No sirven para evaluar a un menor ni prueban nada. Una sola señal no significa que un menor sea víctima de trata, y no ver ninguna no significa que esté a salvo. Úselas como motivo para hacer preguntas con delicadeza, para conectar al menor con ayuda y para hacer un reporte.',
    physicalHeading: 'Cosas que podría ver',
    physical: [
      'lesiones u otras señales de abuso físico o sexual',
      'señales de descuido, como un menor que no come lo suficiente',
      'problemas de salud o dentales sin tratar o que se repiten, incluidas infecciones de transmisión sexual',
      'un adulto que se mantiene demasiado cerca y parece controlar al menor',
      'que el menor sea encontrado en lugares donde se sabe que hay comercio sexual, como moteles, paradas de camiones, clubes de striptease o zonas de la calle conocidas para eso',
      'un teléfono que el menor esconde, o aplicaciones que le dan varios números de teléfono',
      'cosas caras que el menor normalmente no podría pagar',
      'grandes cantidades de condones o lubricante',
      'vivir con la ropa en una maleta, en un motel o en un carro, o no tener un lugar fijo donde quedarse',
      'dinero en efectivo, tarjetas prepagadas o llaves de hotel que el menor no puede explicar',
      'tatuajes o marcas, por ejemplo símbolos de dinero o nombres que también aparecen en otras víctimas, de los que el menor no quiere hablar',
      'que hable de viajes a otras ciudades o estados mientras estaba desaparecido, o que no sepa dónde está',
      'dependencia de drogas, o uso frecuente de drogas como GHB, ketamina, MDMA (éxtasis) o metanfetamina',
    ],
    behaviourHeading: 'Cambios de conducta que podría notar',
    behaviour: [
      'se va de casa una y otra vez, sobre todo tres veces o más',
      'falta a la escuela sin explicación',
      'se queda dormido en clase con frecuencia',
      'deja deportes, clubes u otras actividades que antes disfrutaba',
      'se aleja de repente de su familia y sus amistades',
      'cambia mucho su forma de actuar, también en internet',
      'evita las preguntas, o alguien más contesta por él o ella',
      'parece tener miedo, molestia u hostilidad ante figuras de autoridad',
      'no quiere dar su nombre real ni datos personales, o tiene un perfil secreto en internet',
      'menciona anuncios de acompañantes o sitios y aplicaciones de citas',
      'usa palabras o emojis relacionados con el comercio sexual, como «the life», «the game» o «trick»',
    ],
    askHeading: 'Si está preocupado o preocupada',
    ask: 'No tiene que investigar ni estar seguro. Si le parece seguro hacerlo, unas preguntas sencillas y abiertas pueden ayudar a que el menor hable, por ejemplo:',
    questions: [
      '¿Tienes un lugar seguro donde quedarte esta noche?',
      '¿Tienes lo que necesitas: comida, descanso, alguien a quien acudir?',
      '¿Alguien te obliga a hacer cosas que no quieres hacer?',
    ],
    askAfter:
      'Escuche sin juzgar y no prometa guardar secretos. Diga lo que diga el menor, o aunque no diga nada, usted puede hacer un reporte.',
    doHeading: 'Qué hacer',
    doEmergency: 'Si un menor está en peligro en este momento, llame al {number}.',
    doReport: 'Avise a {org}: {form} o llame al {hotline}.',
    doReportLink: 'haga un reporte en línea',
    doTipline: 'También puede reportar a la línea nacional de denuncias: {tipline}.',
    doAnonymous: 'No necesita pruebas, y puede hacer un reporte sin dar su nombre.',
  },
};

export const text = { en, es } satisfies Record<Lang, Messages>;

export function messages(lang: Lang): Messages {
  return text[lang];
}

/** Which item of which list a path is in, e.g. "Person 2, identifier 1"; empty outside lists. */
export function groupContext(lang: Lang, path: string): string {
  const groups: Record<string, string> = text[lang].groups;
  const parts = path.split('.');
  const labels: string[] = [];
  parts.forEach((part, i) => {
    const group = groups[parts[i - 1] ?? ''];
    if (/^\d+$/.test(part) && group !== undefined) labels.push(group.replace('{n}', String(Number(part) + 1)));
  });
  return labels.join(', ');
}

/** A field's name as a person reads it in an error summary or the review, with its place in a list. */
export function fieldLabel(lang: Lang, path: string): string {
  const fields: Record<string, string> = text[lang].fields;
  const areas: Record<string, string> = text[lang].areas;
  const key = keyOf(path);
  const own = fields[key] ?? areas[key];
  if (own === undefined) return text[lang].unknownField;
  const context = groupContext(lang, path);
  return context ? `${context}: ${own}` : own;
}

/** Messages from core/validation.ts that say what is wrong with the field they follow ("is required"). */
const PREDICATE = /^(is|must|cannot|es|debe|no)\b/;
const capitalised = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
const sentence = (t: string) => (/[.!?]$/.test(t) ? t : `${t}.`);

/**
 * An error as a sentence: "Online place 1: Kind of place is required." A message that is already a
 * sentence ("Use 5 digits.") follows the field's name as before.
 */
export function errorSentence(lang: Lang, path: string, message: string): string {
  if (!PREDICATE.test(message)) return `${fieldLabel(lang, path)}: ${sentence(capitalised(message))}`;
  const fields: Record<string, string> = text[lang].fields;
  const areas: Record<string, string> = text[lang].areas;
  const key = keyOf(path);
  const own = fields[key] ?? areas[key] ?? text[lang].unknownField;
  const context = groupContext(lang, path);
  const subject = own.endsWith('?') ? `“${own}”` : own;
  return `${context ? `${context}: ` : ''}${subject} ${sentence(message)}`;
}

/** "December 1, 2026" / "1 de diciembre de 2026" for a calendar date like "2026-12-01"; other text as typed. */
export function calendarDate(t: Messages, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? value
    : new Intl.DateTimeFormat(t.dateLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

type FormatValue = SafeHtml | string | number;

/** Fills `{name}` placeholders: the template text is escaped, SafeHtml values are inserted as they are. */
export function format(template: string, values: Readonly<Record<string, FormatValue>> = {}): SafeHtml {
  const out = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const key = /^\{(\w+)\}$/.exec(part)?.[1];
      const value = key === undefined ? undefined : values[key];
      if (value === undefined) return escapeHtml(part);
      return value instanceof SafeHtml ? value.value : escapeHtml(value);
    })
    .join('');
  return new SafeHtml(out);
}
