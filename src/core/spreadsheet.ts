/**
 * A cell a spreadsheet would run as a formula (= + - @, or a leading tab or carriage return) is
 * turned into text by a leading apostrophe: exported tips and case data are opened in Excel.
 */
export function neutraliseFormula(cell: string): string {
  return /^[\s]*[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
