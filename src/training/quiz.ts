import type { Question, Quiz } from './course.content.ts';

/** `draw` distinct questions from the pool, in random order. */
export function drawQuestions(quiz: Quiz, random: () => number = Math.random): Question[] {
  const pool = [...quiz.questions];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j] as Question, pool[i] as Question];
  }
  return pool.slice(0, quiz.draw);
}

export interface AnsweredQuestion {
  question: Question;
  /** The chosen choice's id; undefined when the learner left the question unanswered. */
  chosen: string | undefined;
  correct: boolean;
}

export interface QuizResult {
  answers: AnsweredQuestion[];
  score: number;
  passed: boolean;
}

export type Grading = { kind: 'graded'; result: QuizResult } | { kind: 'invalid'; field: string };

/**
 * Grades the questions the form says were drawn. The ids come back from the learner's browser, so
 * they must be `draw` distinct questions of the pool, or the attempt is refused.
 */
export function gradeQuiz(quiz: Quiz, questionIds: readonly string[], answers: Readonly<Record<string, string>>): Grading {
  if (questionIds.length !== quiz.draw || new Set(questionIds).size !== questionIds.length) {
    return { kind: 'invalid', field: 'questions' };
  }
  const graded: AnsweredQuestion[] = [];
  for (const id of questionIds) {
    const question = quiz.questions.find((q) => q.id === id);
    if (!question) return { kind: 'invalid', field: 'questions' };
    const chosen = answers[id];
    const choice = question.choices.find((c) => c.id === chosen);
    graded.push({ question, chosen: choice?.id, correct: choice?.correct ?? false });
  }
  const score = graded.filter((a) => a.correct).length;
  return { kind: 'graded', result: { answers: graded, score, passed: score >= quiz.passMark } };
}
