/**
 * Signs a staff account in through the API (password, then TOTP enrolment on first use) and prints
 * two lines: the session cookie (`beacon_session=…`) and its CSRF token. Used by scripts/sqlmap.sh.
 * Usage: BEACON_URL=http://127.0.0.1:8080 tsx scripts/sign-in.ts <email>   (password on stdin)
 */
import { generate } from 'otplib';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function step(url: string, body: unknown, cookie?: string, csrf?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${new URL(url).pathname}: ${res.status}`);
  const setCookie = res.headers.get('set-cookie');
  return { json: (await res.json()) as Record<string, string>, cookie: setCookie ? setCookie.split(';')[0]! : cookie };
}

const base = process.env.BEACON_URL ?? 'http://127.0.0.1:8080';
const email = process.argv[2];
if (!email) throw new Error('usage: sign-in.ts <email> (password on stdin)');
const password = await readStdin();
const login = await step(`${base}/api/v1/auth/login`, { email, password });
if (login.json.stage !== 'totp_enrol') throw new Error(`expected a first sign-in, got stage ${login.json.stage}`);
const enrol = await step(`${base}/api/v1/auth/totp/enrol`, {}, login.cookie, login.json.csrfToken);
const code = await generate({ secret: enrol.json.secret! });
const done = await step(`${base}/api/v1/auth/totp/enrol/confirm`, { code }, login.cookie, login.json.csrfToken);
process.stdout.write(`${done.cookie}\n${done.json.csrfToken}\n`);
