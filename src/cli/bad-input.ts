/** A command's input is wrong (a missing option, an unreadable file, a page the checker refuses): main prints the message and exits 2. */
export class BadInput extends Error {
  override name = 'BadInput';
}
