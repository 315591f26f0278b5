import { extractIdentifiers } from './index.ts';
const t = "Oh and I am so easy to talk to 🌹 My number is To 7 to 555 oh 12 To 🌹 No rush, one on one only 🌹 I'm 20";
console.log(extractIdentifiers(t).phones);
