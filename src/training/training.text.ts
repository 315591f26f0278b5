import type { Lang } from '../core/deployment.ts';

const en = {
  coursesTitle: 'Training',
  coursesIntro:
    'Free, short courses for the adults who meet children at risk: teachers, nurses, foster parents, child-welfare workers and officers. No account is needed, and nothing you answer here is stored.',
  choosePath: 'Choose your path',
  choosePathHint: 'Each path has the same three modules and a case from that line of work.',
  inThisCourse: 'In this course',
  minutes: (n: number) => `${n} minutes`,
  moduleOf: (n: number, of: number) => `Module ${n} of ${of}`,
  steps: 'Your steps',
  caseStep: 'A case from your work',
  quizStep: 'Quiz',
  start: 'Start the first module',
  sources: 'Sources',
  previous: 'Previous',
  next: 'Next',
  toCase: 'Next: a case from your work',
  pagination: 'Course pages',
  backToPath: 'Back to the course',
  pick: 'Choose one answer.',
  pickError: 'Choose one answer to see what happens.',
  errorHeading: 'There is a problem',
  seeWhy: 'See what happens',
  goodChoice: 'A good choice',
  otherChoice: 'Think again',
  everyOption: 'Why each option',
  yourChoice: 'your choice',
  toQuiz: 'Continue to the quiz',
  quizTitle: 'Quiz',
  quizIntro: (draw: number, pass: number) =>
    `Answer ${draw} questions; you pass with ${pass} right. You may try as many times as you like, with new questions each time.`,
  question: (n: number) => `Question ${n}`,
  submitQuiz: 'Check my answers',
  passed: (score: number, of: number) => `You passed: ${score} of ${of} right.`,
  failed: (score: number, of: number, pass: number) =>
    `${score} of ${of} right. You need ${pass} to pass; read why below and try again.`,
  resultHeading: 'Your result',
  correctMark: 'Correct',
  incorrectMark: 'Not correct',
  unanswered: 'Not answered.',
  youAnswered: 'You answered:',
  tryAgain: 'Try again with new questions',
  invalidQuiz: 'That quiz form was not one this page gave out. Start the quiz again.',
  courseDone: 'You have completed this course. Thank you for being an adult who notices.',
};

type TrainingText = typeof en;

const es: TrainingText = {
  coursesTitle: 'Formación',
  coursesIntro:
    'Cursos breves y gratuitos para los adultos que tratan con menores en riesgo: docentes, personal sanitario, familias de acogida, profesionales de protección infantil y agentes. No hace falta una cuenta y no se guarda nada de lo que responda aquí.',
  choosePath: 'Elija su itinerario',
  choosePathHint: 'Cada itinerario tiene los mismos tres módulos y un caso de ese ámbito de trabajo.',
  inThisCourse: 'En este curso',
  minutes: (n) => `${n} minutos`,
  moduleOf: (n, of) => `Módulo ${n} de ${of}`,
  steps: 'Sus pasos',
  caseStep: 'Un caso de su trabajo',
  quizStep: 'Cuestionario',
  start: 'Empezar el primer módulo',
  sources: 'Fuentes',
  previous: 'Anterior',
  next: 'Siguiente',
  toCase: 'Siguiente: un caso de su trabajo',
  pagination: 'Páginas del curso',
  backToPath: 'Volver al curso',
  pick: 'Elija una respuesta.',
  pickError: 'Elija una respuesta para ver qué pasa.',
  errorHeading: 'Hay un problema',
  seeWhy: 'Ver qué pasa',
  goodChoice: 'Una buena decisión',
  otherChoice: 'Piénselo de nuevo',
  everyOption: 'Por qué cada opción',
  yourChoice: 'su elección',
  toQuiz: 'Continuar al cuestionario',
  quizTitle: 'Cuestionario',
  quizIntro: (draw, pass) =>
    `Responda ${draw} preguntas; aprueba con ${pass} correctas. Puede intentarlo tantas veces como quiera, con preguntas nuevas cada vez.`,
  question: (n) => `Pregunta ${n}`,
  submitQuiz: 'Comprobar mis respuestas',
  passed: (score, of) => `Ha aprobado: ${score} de ${of} correctas.`,
  failed: (score, of, pass) =>
    `${score} de ${of} correctas. Necesita ${pass} para aprobar; lea por qué abajo e inténtelo de nuevo.`,
  resultHeading: 'Su resultado',
  correctMark: 'Correcta',
  incorrectMark: 'Incorrecta',
  unanswered: 'Sin responder.',
  youAnswered: 'Usted respondió:',
  tryAgain: 'Intentarlo de nuevo con preguntas nuevas',
  invalidQuiz: 'Ese formulario no es uno que haya dado esta página. Empiece el cuestionario de nuevo.',
  courseDone: 'Ha completado este curso. Gracias por ser un adulto que se da cuenta.',
};

export function trainingText(lang: Lang): TrainingText {
  return lang === 'es' ? es : en;
}
