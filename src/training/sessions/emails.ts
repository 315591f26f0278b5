import type { Lang } from '../../core/deployment.ts';
import { calendarInvite } from './ics.ts';

export type EmailKind = 'confirmation' | 'waitlisted' | 'promotion' | 'cancellation' | 'reminder';

export interface SessionFacts {
  id: string;
  courseTitle: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  lang: Lang;
  organisation: string;
}

export interface Email {
  subject: string;
  text: string;
  /** Booking emails carry the session as a calendar invitation. */
  ics: string | null;
}

const words = {
  en: {
    confirmation: (t: string) => `You have a place: ${t}`,
    waitlisted: (t: string) => `You are on the waitlist: ${t}`,
    promotion: (t: string) => `A place opened for you: ${t}`,
    cancellation: (t: string) => `Your place is cancelled: ${t}`,
    reminder: (t: string) => `Tomorrow: ${t}`,
    hello: (n: string) => `Hello ${n},`,
    body: {
      confirmation: 'Your place in this in-person training session is booked.',
      waitlisted: 'The session is full, so you are on its waitlist. If a place opens, it is yours and we will email you.',
      promotion: 'Someone cancelled, so the place is now yours. You do not need to do anything to keep it.',
      cancellation: 'Your registration is cancelled. You can register again while places remain.',
      reminder: 'A reminder that your in-person training session starts within a day.',
    },
    when: 'When (UTC)',
    where: 'Where',
    manage: 'See or cancel your place',
  },
  es: {
    confirmation: (t: string) => `Tiene un lugar: ${t}`,
    waitlisted: (t: string) => `Está en la lista de espera: ${t}`,
    promotion: (t: string) => `Se abrió un lugar para usted: ${t}`,
    cancellation: (t: string) => `Su lugar fue cancelado: ${t}`,
    reminder: (t: string) => `Mañana: ${t}`,
    hello: (n: string) => `Hola ${n}:`,
    body: {
      confirmation: 'Su lugar en esta sesión de capacitación presencial está reservado.',
      waitlisted: 'La sesión está llena, así que está en la lista de espera. Si se abre un lugar, será suyo y le escribiremos.',
      promotion: 'Alguien canceló, así que el lugar ahora es suyo. No tiene que hacer nada para conservarlo.',
      cancellation: 'Su inscripción está cancelada. Puede inscribirse de nuevo mientras queden lugares.',
      reminder: 'Le recordamos que su sesión de capacitación presencial empieza en menos de un día.',
    },
    when: 'Cuándo (UTC)',
    where: 'Dónde',
    manage: 'Ver o cancelar su lugar',
  },
} as const;

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The text of one message; plain text only, so no markup reaches a mail client from user input. */
export function sessionEmail(
  kind: EmailKind,
  session: SessionFacts,
  booking: { id: string; name: string },
  manageUrl: string,
  now: Date,
): Email {
  const w = words[session.lang];
  const text = [
    w.hello(booking.name),
    '',
    w.body[kind],
    '',
    `${w.when}: ${utc(session.startsAt)} – ${utc(session.endsAt)}`,
    `${w.where}: ${session.place}`,
    '',
    `${w.manage}: ${manageUrl}`,
    '',
    session.organisation,
  ].join('\n');
  const invite = kind === 'confirmation' || kind === 'promotion' || kind === 'reminder' || kind === 'cancellation';
  return {
    subject: w[kind](session.courseTitle),
    text,
    ics: invite
      ? calendarInvite({
          uid: `${booking.id}@beacon-training`,
          start: session.startsAt,
          end: session.endsAt,
          summary: session.courseTitle,
          location: session.place,
          description: w.body[kind],
          organiser: session.organisation,
          cancelled: kind === 'cancellation',
          sequence: Math.floor(now.getTime() / 1000),
          stamp: now,
        })
      : null,
  };
}
