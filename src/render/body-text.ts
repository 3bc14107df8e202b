// Moved to domain/articles/body-text.ts (derived data is the domain's); this re-export serves the
// newsroom editor client (web/newsroom/client/editor-app.tsx) until it imports the new path.
export { bodyToPlainText, countWords, readingMinutes, WORDS_PER_MINUTE } from '#src/domain/articles/body-text.ts';
