/**
 * A language's name for the newsroom's labels ("Russian (ru)"), from the runtime's own CLDR data
 * (Intl.DisplayNames), so any BCP 47 code a site adds has a name without a table to keep.
 */
export function languageName(code: string, displayLanguage = 'en'): string {
  try {
    return new Intl.DisplayNames([displayLanguage], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code; // not a well-formed tag: show it as it is
  }
}

/** "Russian (ru)": a language's name with its code, as newsroom choices and lists show it. */
export function languageLabel(code: string, displayLanguage = 'en'): string {
  const name = languageName(code, displayLanguage);
  return name === code ? code : `${name} (${code})`;
}
